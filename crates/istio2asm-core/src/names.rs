//! Kubernetes' name rules. A name that breaks them never reaches a command: the object becomes a
//! MIG006 finding instead of entering the model.

use crate::i18n::Lang;

/// RFC 1123 label: at most 63 characters of `[a-z0-9-]`, starting and ending alphanumeric.
/// Namespaces and label-like names follow it.
pub fn is_dns1123_label(name: &str) -> bool {
    name.len() <= 63 && is_dns_part(name)
}

/// RFC 1123 subdomain: at most 253 characters, dot-separated labels. Most object names follow it.
pub fn is_dns1123_subdomain(name: &str) -> bool {
    name.len() <= 253 && name.split('.').all(is_dns_part)
}

/// RFC 1035 label: an RFC 1123 label that starts with a letter. Service names follow it.
pub fn is_dns1035_label(name: &str) -> bool {
    is_dns1123_label(name) && name.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Path segment names (RBAC objects): anything but `/`, `%`, `.` and `..`; control and
/// format characters (bidi overrides, zero-width spaces) and white space are refused here too,
/// since no real object has them and they make a command read differently from what it does.
pub fn is_path_segment(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name.len() <= 253
        && !name
            .chars()
            .any(|c| c == '/' || c == '%' || c.is_whitespace() || hides_text(c))
}

/// Control characters and the Unicode format characters that reorder or hide text: bidi
/// embeddings, overrides and isolates, the Arabic letter mark, zero-width characters, word
/// joiners and the BOM. A name holding one reads differently from what it is.
pub(crate) fn hides_text(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

fn is_dns_part(part: &str) -> bool {
    let bytes = part.as_bytes();
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// A label key: optional DNS subdomain prefix and `/`, then a name of at most 63 characters of
/// `[A-Za-z0-9-_.]`, starting and ending alphanumeric.
pub fn is_label_key(key: &str) -> bool {
    let (prefix, name) = match key.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    prefix.is_none_or(is_dns1123_subdomain) && is_label_value(name) && !name.is_empty()
}

/// A label value: empty, or at most 63 characters of `[A-Za-z0-9-_.]` starting and ending
/// alphanumeric.
pub fn is_label_value(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.is_empty()
        || bytes.len() <= 63
            && bytes
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            && bytes[0].is_ascii_alphanumeric()
            && bytes[bytes.len() - 1].is_ascii_alphanumeric()
}

/// Where a namespaced object is, for messages: ` in shop` (`（命名空间 shop）`), or, for a manifest that names no
/// namespace (injector outputs, `--dry-run` exports), ` (in the context's namespace)`, which is
/// where kubectl then applies it.
pub fn in_namespace(lang: Lang, namespace: &str) -> String {
    if namespace.is_empty() {
        t!(lang, "in-context-namespace")
    } else {
        t!(lang, "in-namespace", namespace = namespace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(is_dns1123_label("istio-system"));
        assert!(!is_dns1123_label("Istio"));
        assert!(!is_dns1123_label("-a"));
        assert!(!is_dns1123_label(&"a".repeat(64)));
        assert!(is_dns1123_subdomain("cart-7d9f8b6c4d-x2x9k"));
        assert!(is_dns1123_subdomain("a.b-c"));
        assert!(!is_dns1123_subdomain("a..b"));
        assert!(!is_dns1123_subdomain("a;rm -rf"));
        assert!(!is_dns1123_subdomain("caf\u{e9}"));
        assert!(!is_dns1123_subdomain("a\u{202e}b"));
        assert!(is_dns1035_label("svc1"));
        assert!(!is_dns1035_label("1svc"));
        assert!(is_path_segment("system:istiod"));
        assert!(!is_path_segment("a/b"));
        assert!(!is_path_segment("a\nb"));
        assert!(is_label_key("sidecar.asm.aliyun.com/inject"));
        assert!(is_label_key("app"));
        assert!(!is_label_key("a b"));
        assert!(!is_label_key("/x"));
        assert!(is_label_value("true"));
        assert!(is_label_value(""));
        assert!(!is_label_value("$(id)"));
    }
}
