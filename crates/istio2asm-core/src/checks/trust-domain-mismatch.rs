//! # MIG705 trust-domain-mismatch
//!
//! ## What it finds
//!
//! Two mesh configs whose proxies must call each other (Istio's and ASM's, from `--asm-config`,
//! or two Istio revisions) with different `trustDomain`s, where neither lists the other's in its
//! `trustDomainAliases`. An unset `trustDomain` is Istio's default, `cluster.local`.
//!
//! ## Why it matters
//!
//! With mTLS, a proxy's inbound listener accepts a client certificate only if its SPIFFE URI is
//! `spiffe://<domain>/...` for its own trust domain or one of its aliases (istio/istio
//! `pilot/pkg/networking/plugin/authn/util.go` `TrustDomainsForValidation`, unless istiod runs
//! with `PILOT_SKIP_VALIDATE_TRUST_DOMAIN=true`), and AuthorizationPolicy principals name the
//! trust domain too. Workloads moved to ASM's proxy would be refused by those still on Istio's,
//! and the other way round.
//!
//! ## How to fix
//!
//! Use the same trust domain on both sides, or add each side's trust domain to the other's
//! `trustDomainAliases` for the duration of the migration. The commands print each mesh config;
//! the `trustDomain:` lines must be equal, or each must appear in the other's aliases.
//!
//! ## Example
//!
//! ```yaml
//! # Istio's mesh config
//! trustDomain: cluster.local
//! # ASM's mesh config
//! trustDomain: example.com
//! ```
//!
//! `asm-config.yaml:1:1: error[MIG705]: The trust domains differ without an alias: Istio's default (cluster.local) and ASM's default (example.com) ...`

use crate::checks::Context;
use crate::codes::Code;
use crate::commands::mesh_config_text;
use crate::finding::Finding;
use crate::kubectl::Target;
use crate::state::State;
use crate::trust::TrustDomain;

/// A mesh config's trust domain and the control plane it is read from.
type Side<'a> = (&'a TrustDomain, Target);

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    let cluster = &cx.trust.cluster.trust_domains;
    let mut pairs: Vec<(Side, Side)> = Vec::new();
    for (i, a) in cluster.iter().enumerate() {
        for b in &cluster[i + 1..] {
            pairs.push(((a, Target::Cluster), (b, Target::Cluster)));
        }
    }
    if let Some(asm) = &cx.trust.asm {
        for a in cluster {
            for b in &asm.trust_domains {
                pairs.push(((a, Target::Cluster), (b, Target::Asm)));
            }
        }
    }
    let lang = cx.lang;
    for ((a, a_target), (b, b_target)) in pairs {
        if a.accepts(&b.trust_domain) && b.accepts(&a.trust_domain) {
            continue;
        }
        let side = |domain: &TrustDomain, target| {
            let side = match target {
                Target::Cluster => t!(lang, "mig705-istio", revision = domain.revision.as_str()),
                Target::Asm => t!(lang, "mig705-asm", revision = domain.revision.as_str()),
            };
            t!(
                lang,
                "mig705-side",
                side = side,
                domain = domain.trust_domain.as_str()
            )
        };
        let command = |domain: &TrustDomain, target| {
            mesh_config_text(
                target,
                domain.object.namespace.as_deref().unwrap_or(""),
                &domain.object.name,
            )
        };
        out.push(
            Finding::new(
                Code::Mig705,
                t!(
                    lang,
                    "mig705-message",
                    first = side(a, a_target),
                    second = side(b, b_target)
                ),
            )
            .at(b.object.clone(), b.span)
            .gate(State::Migrating)
            .commands([command(a, a_target), command(b, b_target)])
            .help(format!(
                "{}{}",
                Code::Mig705.doc(lang).how_to_fix(),
                t!(
                    lang,
                    "trust-expect",
                    expect = t!(
                        lang,
                        "mig705-expect",
                        first = a.trust_domain.as_str(),
                        second = b.trust_domain.as_str()
                    )
                )
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::codes::Code;
    use crate::load::Input;
    use crate::settings::Settings;
    use crate::trust::fixtures::mesh_config;

    fn mig705(cluster: &str, asm: &str) -> Vec<String> {
        let asm = if asm.is_empty() {
            Vec::new()
        } else {
            vec![Input::new("asm.yaml", asm)]
        };
        analyze(
            vec![Input::new("cluster.yaml", cluster)],
            asm,
            &Settings::default(),
        )
        .findings
        .into_iter()
        .filter(|f| f.code == Code::Mig705)
        .map(|f| f.message)
        .collect()
    }

    #[test]
    fn different_domains_need_an_alias_both_ways() {
        let istio = mesh_config("cluster.local", &[]);
        let found = mig705(&istio, &mesh_config("example.com", &[]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("cluster.local") && found[0].contains("example.com"));
        // An alias on one side only is not enough: the other side still refuses.
        assert_eq!(
            mig705(&istio, &mesh_config("example.com", &["cluster.local"])).len(),
            1
        );
        assert_eq!(
            mig705(
                &mesh_config("cluster.local", &["example.com"]),
                &mesh_config("example.com", &["cluster.local"])
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            mig705(&istio, &mesh_config("cluster.local", &[])),
            Vec::<String>::new()
        );
        // Without ASM's mesh config nothing is compared.
        assert_eq!(mig705(&istio, ""), Vec::<String>::new());
    }
}
