//! Certificates and ConfigMaps for the trust checks' unit tests. The certificates were made once
//! with openssl 3.0 (`openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj
//! /O=... -days N`; the expired one with `openssl ca -selfsign -startdate 20250101000000Z -enddate
//! 20261101000000Z`) and are public test data: no key was kept.

/// `O=cluster.local`, like istiod's self-signed root; until 2036-11-30.
pub(crate) const ISTIO_ROOT: &str = "-----BEGIN CERTIFICATE-----
MIIBhjCCASugAwIBAgIUZExLzapeKj84f4EN/01nxoZcAZ8wCgYIKoZIzj0EAwIw
GDEWMBQGA1UECgwNY2x1c3Rlci5sb2NhbDAeFw0yNjEyMDMxMjQzNTNaFw0zNjEx
MzAxMjQzNTNaMBgxFjAUBgNVBAoMDWNsdXN0ZXIubG9jYWwwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAQh7lK7SWACrOQh1M4H2LfdQqGkeIERAynWXJHKv/V+RJHX
p+0JIzRsxEZiJm0p1KnR0f276aMZE5GAPR2YkDMuo1MwUTAdBgNVHQ4EFgQUSpvF
Dv37CG6kwBhfX3pN2xncJzQwHwYDVR0jBBgwFoAUSpvFDv37CG6kwBhfX3pN2xnc
JzQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAqQ5Lmpm8nJFR
2Ij7Apjv/uHcy5RaElt+msOV5SaMIfICIQCMOPta94tniVrmniBUQu2jsdV6K9vt
8nWsn0KHYnVSsA==
-----END CERTIFICATE-----
";

/// `O=asm-test-root`: another root; until 2036-11-30.
pub(crate) const OTHER_ROOT: &str = "-----BEGIN CERTIFICATE-----
MIIBhTCCASugAwIBAgIURmUOPJhreZqyh2xFz8Y3k7P4yQ8wCgYIKoZIzj0EAwIw
GDEWMBQGA1UECgwNYXNtLXRlc3Qtcm9vdDAeFw0yNjEyMDMxMjQzNTNaFw0zNjEx
MzAxMjQzNTNaMBgxFjAUBgNVBAoMDWFzbS10ZXN0LXJvb3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAQpCX0AURyoBKH/VSQmTr6dqUfKylBv6MOhDRmUfjzG8D+s
FAK3MHKqHnJOd+w9upE8Z7biQ9F4B5AKjtM6uO+Po1MwUTAdBgNVHQ4EFgQUisuY
toOY27qQacrCTpjRjxWAH8YwHwYDVR0jBBgwFoAUisuYtoOY27qQacrCTpjRjxWA
H8YwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAqDdE1R7IEy2L
KtaleU4IpixOCCL5wtWG9vxrTr5WKBkCIAWBZUl0vaKD6PNDJEDhEoAEXNTmyDDx
bKcVWIMdHRQq
-----END CERTIFICATE-----
";

/// `O=expiring-root`: until 2026-12-13T12:43:53Z.
pub(crate) const EXPIRING_ROOT: &str = "-----BEGIN CERTIFICATE-----
MIIBhTCCASugAwIBAgIUYYrQB8JPLLT8ZIUJ+kRDaylYYHswCgYIKoZIzj0EAwIw
GDEWMBQGA1UECgwNZXhwaXJpbmctcm9vdDAeFw0yNjEyMDMxMjQzNTNaFw0yNjEy
MTMxMjQzNTNaMBgxFjAUBgNVBAoMDWV4cGlyaW5nLXJvb3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAATdMGadwB3EQHDZa6XjMvgSvHaS1wyX9zV3OpX/CI/Kwz+F
OBhG5y5mqgdjusEPbuc4Uls3WWfkJLoSDUMm6Jcto1MwUTAdBgNVHQ4EFgQUsYkf
6cmrPiysd0XgQ03g7G50/kwwHwYDVR0jBBgwFoAUsYkf6cmrPiysd0XgQ03g7G50
/kwwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEA/TEW70SlIjL0
ZYbml1AxUlk+LkBgSFqy7OUbxrj3IwgCIA4TJ4zl1+QgZBMOy/8dt9whVASqqqAy
CA2uoqWLSzBi
-----END CERTIFICATE-----
";

/// `O=expired-root`: until 2026-11-01T00:00:00Z.
pub(crate) const EXPIRED_ROOT: &str = "-----BEGIN CERTIFICATE-----
MIIBXjCCAQWgAwIBAgIBATAKBggqhkjOPQQDAjAXMRUwEwYDVQQKDAxleHBpcmVk
LXJvb3QwHhcNMjUwMTAxMDAwMDAwWhcNMjYxMTAxMDAwMDAwWjAXMRUwEwYDVQQK
DAxleHBpcmVkLXJvb3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASJrixTEC5Y
UIgVizMsya4QIbKefAxJoVHbXkvxFCqLJrMog0ZmkPo44Zb3yfFWeVvlZVGB89Cv
lW9QsQBgsnGMo0IwQDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwICBDAd
BgNVHQ4EFgQUII1zyXkpmp07zpZ+25pf30w58NkwCgYIKoZIzj0EAwIDRwAwRAIg
SgBZ+a/Y4zxeN2IGua6Rwbv9bEINHNta0QvXP+ac07YCIHsihuRkAhc7Gc4eO44q
EUNPAeF07PhusznNV962OLhc
-----END CERTIFICATE-----
";

/// The SHA-256 fingerprints openssl printed for them.
pub(crate) const ISTIO_ROOT_SHA256: &str = "AD:CB:96:BC:26:FF:85:C2:D3:FF:C4:47:DA:5B:66:F0:11:F9:3E:05:78:73:84:EB:CF:69:DB:F7:E4:82:33:25";
pub(crate) const OTHER_ROOT_SHA256: &str = "DE:16:D0:12:D1:0B:07:42:51:5E:84:EE:72:18:96:B0:AA:58:08:59:4E:4A:39:12:9B:54:7D:B5:7E:E7:5F:11";

/// An `istio-ca-root-cert` ConfigMap in `namespace` holding `pem` (one or more certificates), as
/// a YAML document starting with `---`.
pub(crate) fn root_cert_map(namespace: &str, pem: &str) -> String {
    let body: String = pem.lines().map(|l| format!("    {l}\n")).collect();
    format!(
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-ca-root-cert\n  namespace: {namespace}\n  labels:\n    istio.io/config: \"true\"\ndata:\n  root-cert.pem: |\n{body}"
    )
}

/// Istio's mesh config (ConfigMap `istio` in istio-system) with a trust domain and aliases.
pub(crate) fn mesh_config(trust_domain: &str, aliases: &[&str]) -> String {
    format!(
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    trustDomain: {trust_domain}\n    trustDomainAliases: [{}]\n",
        aliases.join(", ")
    )
}
