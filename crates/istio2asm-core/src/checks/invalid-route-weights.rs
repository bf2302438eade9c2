//! # MIG505 invalid-route-weights
//!
//! ## What it finds
//!
//! VirtualService routes with more than one destination whose weights are outside 0..100 or do
//! not add up to 100.
//!
//! ## Why it matters
//!
//! Istio before 1.15 rejects weights that do not sum to 100, and newer versions normalise them
//! silently; either way the egress weight steps of the plan, which split an existing route between
//! two gateways, cannot be computed from a route whose weights are already inconsistent.
//!
//! ## How to fix
//!
//! Make every destination's weight an integer from 0 to 100, with the route's weights summing to
//! exactly 100, and apply the corrected VirtualService before migrating.
//!
//! ## Example
//!
//! ```yaml
//! http:
//! - route:
//!   - destination: {host: a}
//!     weight: 70
//!   - destination: {host: b}
//!     weight: 20
//! ```
//!
//! `istio-config.yaml:10:3: error[MIG505]: VirtualService default/split: http[0] weights sum to 90, not 100`

use crate::checks::Context;
use crate::codes::Code;
use crate::finding::Finding;
use crate::node::Node;

pub(crate) fn run(cx: &Context, out: &mut Vec<Finding>) {
    for vs in cx.bundle.istio_of_kind("VirtualService") {
        for protocol in ["http", "tls", "tcp"] {
            let routes = vs
                .body
                .at(&["spec", protocol])
                .map(Node::items)
                .unwrap_or_default();
            for (index, route) in routes.iter().enumerate() {
                let destinations = route.get("route").map(Node::items).unwrap_or_default();
                let weights: Vec<Option<&Node>> =
                    destinations.iter().map(|d| d.get("weight")).collect();
                if weights.iter().all(Option::is_none) {
                    continue;
                }
                let mut problems = Vec::new();
                let mut sum: i128 = 0;
                for weight in weights {
                    match weight.map(|w| (w, w.as_int())) {
                        None => {}
                        Some((_, Some(w))) if (0..=100).contains(&w) => sum += w,
                        Some((w, _)) => problems.push(t!(
                            cx.lang,
                            "mig505-not-an-integer",
                            weight = w.scalar_text().unwrap_or_else(|| w.type_name().to_string())
                        )),
                    }
                }
                if problems.is_empty() && sum != 100 && destinations.len() > 1 {
                    problems.push(t!(cx.lang, "mig505-sum", sum = sum.to_string()));
                }
                if problems.is_empty() && destinations.len() == 1 && sum != 100 {
                    problems.push(t!(cx.lang, "mig505-single", sum = sum.to_string()));
                }
                if problems.is_empty() {
                    continue;
                }
                out.push(
                    Finding::new(
                        Code::Mig505,
                        t!(
                            cx.lang,
                            "mig505-weights",
                            object = format!("{}/{}", vs.ns(), vs.name()),
                            route = format!("{protocol}[{index}]"),
                            problems = problems.join(&t!(cx.lang, "checks-clause-separator")),
                        ),
                    )
                    .at(vs.object_ref(), vs.span),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{check, cr};
    use crate::codes::{Code, Severity};

    fn reviews(route: &str) -> String {
        format!(
            r#"---
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
  - route:{route}
"#
        )
    }

    fn destination(subset: &str, weight: &str) -> String {
        format!("\n    - destination:\n        host: reviews\n        subset: {subset}\n      weight: {weight}")
    }

    #[test]
    fn weights_summing_to_90_are_an_error() {
        let yaml =
            reviews(&(destination("v1", "60") + &destination("v2", "30"))) + &cr("Migrating");
        assert_eq!(
            check(&yaml, Code::Mig505),
            [(
                Severity::Error,
                "VirtualService bookinfo/reviews: http[0] weights sum to 90, not 100".to_string()
            )]
        );
    }

    #[test]
    fn a_weight_over_100_is_an_error() {
        let yaml = reviews(&(destination("v1", "150") + &destination("v2", "-50")));
        let found = check(&yaml, Code::Mig505);
        assert_eq!(
            found,
            [(
                Severity::Error,
                "VirtualService bookinfo/reviews: http[0] weight 150 is not an integer from 0 to 100; weight -50 is not an integer from 0 to 100"
                    .to_string()
            )]
        );
        let quoted = check(
            &reviews(&(destination("v1", "\"50\"") + &destination("v2", "50"))),
            Code::Mig505,
        );
        assert_eq!(quoted.len(), 1, "{quoted:?}");
        assert!(
            quoted[0].1.contains("weight 50 is not an integer"),
            "{}",
            quoted[0].1
        );
    }

    #[test]
    fn a_single_destination_with_a_partial_weight() {
        let found = check(&reviews(&destination("v1", "50")), Code::Mig505);
        assert_eq!(
            found,
            [(
                Severity::Error,
                "VirtualService bookinfo/reviews: http[0] the only destination has weight 50, not 100".to_string()
            )]
        );
    }

    #[test]
    fn weights_summing_to_100_or_absent_pass() {
        assert_eq!(
            check(
                &reviews(&(destination("v1", "90") + &destination("v2", "10"))),
                Code::Mig505
            ),
            []
        );
        assert_eq!(
            check(
                &reviews(&(destination("v1", "100") + &destination("v2", "0"))),
                Code::Mig505
            ),
            []
        );
        assert_eq!(check(&reviews(&destination("v1", "100")), Code::Mig505), []);
        assert_eq!(
            check(
                &reviews("\n    - destination:\n        host: reviews"),
                Code::Mig505
            ),
            []
        );
    }
}
