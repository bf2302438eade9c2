//! Ingress gateway migration (ASM's "migrate a self-managed Istio ingress gateway"): both gateways
//! share the Istio gateway's CLB; traffic moves by stepping the two Services' weights. The CLB id
//! and the vServer group ids are inputs the export may not hold: they are listed as needed, never
//! invented.

use super::{file_header, PlanFile, Step, StepKind, Verify};
use crate::analysis::Analysis;
use crate::detect::Gateway;
use crate::kubectl::{Command, Target};

const LB_ID: &str = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id";
const OVERRIDE: &str =
    "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-force-override-listeners";
const VGROUP: &str = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-vgroup-port";
const WEIGHT: &str = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-weight";
const CLB_PLACEHOLDER: &str = "REPLACE-WITH-CLB-ID";
const VGROUP_PLACEHOLDER: &str = "REPLACE-WITH-VSERVER-GROUPS";

/// The ingress migration of one Istio ingress gateway: the Service patch (cluster), ASM's
/// IstioGateway (ASM), then per weight a pair of steps, ASM's weight up first.
pub fn steps(analysis: &Analysis, gateway: &Gateway) -> Vec<Step> {
    let ns = gateway.owner.namespace.as_str();
    let service_name = gateway
        .services
        .first()
        .map(|(s, _)| s.as_str())
        .unwrap_or(gateway.owner.name.as_str());
    let service = analysis
        .bundle
        .services
        .iter()
        .find(|s| s.ns() == ns && s.name() == service_name);
    let clb = service
        .and_then(|s| {
            s.meta
                .annotation(LB_ID)
                .or_else(|| s.meta.label("service.k8s.alibaba/loadbalancer-id"))
                .map(String::from)
        })
        // Only an id of the form the SLB API gives; anything else is treated as unknown.
        .filter(|id| crate::names::is_label_value(id) && !id.is_empty());
    let asm_name = format!("asm-{}", gateway.owner.name.trim_start_matches("istio-"));
    let slug = format!("{ns}-{}", gateway.owner.name);
    let lang = analysis.settings.lang;
    let service_ref = format!("{ns}/{service_name}");
    // Built first for the inputs both steps need; it becomes the cluster step once the ASM step
    // has taken its file.
    let mut step = Step::new(
        StepKind::Ingress,
        format!("ingress-{slug}"),
        t!(lang, "plan-ingress-attach-title", service = &service_ref),
        Target::Asm,
        t!(lang, "plan-ingress-why"),
    );
    if clb.is_none() {
        step.needs
            .push(t!(lang, "plan-ingress-need-clb", service = &service_ref));
    }
    step.needs.push(t!(
        lang,
        "plan-ingress-need-vgroups",
        service = &service_ref
    ));
    let clb_text = clb.clone().unwrap_or_else(|| CLB_PLACEHOLDER.to_string());
    let ports: Vec<String> = service
        .map(|s| {
            s.body
                .ports
                .iter()
                .map(|p| {
                    // Values from the export enter YAML only in forms Kubernetes accepts.
                    let name = p
                        .name
                        .clone()
                        .filter(|n| crate::names::is_dns1123_label(n))
                        .unwrap_or_else(|| format!("port-{}", p.port));
                    let target = p.target_port.clone().unwrap_or_else(|| p.port.to_string());
                    let target = if target.parse::<i64>().is_ok() {
                        target
                    } else if crate::names::is_dns1123_label(&target) {
                        format!("\"{target}\"")
                    } else {
                        p.port.to_string()
                    };
                    format!(
                        "  - name: {name}\n    port: {}\n    targetPort: {target}\n    protocol: {}\n",
                        p.port,
                        p.protocol.as_deref().filter(|p| matches!(*p, "TCP" | "UDP" | "SCTP")).unwrap_or("TCP")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let patch_name = format!("ingress-{slug}-service-patch.yaml");
    let gateway_name = format!("ingress-{slug}-istiogateway.yaml");
    step.files.push(PlanFile {
        name: patch_name.clone(),
        content: format!(
            "{}# Merge patch for Service {ns}/{service_name}: keep its listeners, attach the vServer groups, full weight.\n# Replace the REPLACE-WITH values before use.\nmetadata:\n  annotations:\n    {LB_ID}: \"{clb_text}\"\n    {OVERRIDE}: \"false\"\n    {VGROUP}: \"{VGROUP_PLACEHOLDER}\"\n    {WEIGHT}: \"100\"\n",
            file_header("#")
        ),
    });
    step.files.push(PlanFile {
        name: gateway_name.clone(),
        content: format!(
            "{}# ASM ingress gateway sharing the CLB of {ns}/{service_name}, starting at weight 0.\n# Replace the REPLACE-WITH values before use.\napiVersion: istio.alibabacloud.com/v1beta1\nkind: IstioGateway\nmetadata:\n  name: {asm_name}\n  namespace: istio-system\nspec:\n  gatewayType: ingress\n  replicaCount: 2\n  serviceType: LoadBalancer\n  serviceAnnotations:\n    {LB_ID}: \"{clb_text}\"\n    {OVERRIDE}: \"false\"\n    {VGROUP}: \"{VGROUP_PLACEHOLDER}\"\n    {WEIGHT}: \"0\"\n  ports:\n{}",
            file_header("#"),
            ports.join("")
        ),
    });
    let mut asm_setup = Step::new(
        StepKind::Ingress,
        format!("ingress-{slug}-asm-gateway"),
        t!(lang, "plan-ingress-asm-gateway-title", name = &asm_name),
        Target::Asm,
        t!(lang, "plan-ingress-asm-gateway-why"),
    );
    // The IstioGateway file belongs to the ASM step; the Service patch stays with the cluster one.
    asm_setup.files = step.files.split_off(1);
    asm_setup
        .commands
        .push(Command::kubectl(Target::Asm, "apply").args(["-f", gateway_name.as_str()]));
    asm_setup
        .rollback
        .push(Command::kubectl(Target::Asm, "delete").args(["-f", gateway_name.as_str()]));
    asm_setup.verify.push(Verify {
        command: Command::kubectl(Target::Asm, "get")
            .resource("istiogateway")
            .name(asm_name.as_str())
            .args(["-o", "yaml"])
            .in_namespace("istio-system"),
        expect: t!(lang, "plan-ingress-asm-gateway-expect"),
    });
    asm_setup.needs = step.needs.clone();
    step.target = Target::Cluster;
    step.commands.push(
        Command::kubectl(Target::Cluster, "patch")
            .resource("service")
            .name(service_name)
            .args(["--type=merge", "--patch-file", patch_name.as_str()])
            .in_namespace(ns),
    );
    step.verify.push(Verify {
        command: Command::kubectl(Target::Cluster, "get")
            .resource("service")
            .name(service_name)
            .args(["-o", "jsonpath={.metadata.annotations}"])
            .in_namespace(ns),
        expect: t!(
            lang,
            "plan-ingress-attach-expect",
            lb_id = LB_ID,
            vgroup = VGROUP,
            weight_key = WEIGHT
        ),
    });
    step.notes.push(t!(lang, "plan-ingress-fields-note"));
    let mut steps = vec![step, asm_setup];
    let weight_patch = |share: u32| {
        Command::kubectl(Target::Asm, "patch")
            .resource("istiogateway")
            .name(asm_name.clone())
            .args(["--type=merge", "-p"])
            .arg(
                serde_json::json!({"spec": {"serviceAnnotations": {WEIGHT: share.to_string()}}})
                    .to_string(),
            )
            .in_namespace("istio-system")
    };
    let annotate = |weight: u32| {
        Command::kubectl(Target::Cluster, "annotate")
            .resource("service")
            .name(service_name)
            .arg(format!("{WEIGHT}={weight}"))
            .arg("--overwrite")
            .in_namespace(ns)
    };
    let mut previous = 0;
    for &share in &analysis.settings.egress_weights {
        let mut up = Step::new(
            StepKind::Ingress,
            format!("ingress-{slug}-{share}-asm"),
            t!(
                lang,
                "plan-ingress-asm-weight-title",
                gateway = &slug,
                weight = share
            ),
            Target::Asm,
            t!(lang, "plan-ingress-asm-weight-why"),
        );
        up.wave = true;
        up.commands.push(weight_patch(share));
        up.rollback.push(weight_patch(previous));
        let mut down = Step::new(
            StepKind::Ingress,
            format!("ingress-{slug}-{share}-cluster"),
            t!(
                lang,
                "plan-ingress-istio-weight-title",
                gateway = &slug,
                weight = 100 - share
            ),
            Target::Cluster,
            t!(lang, "plan-ingress-istio-weight-why"),
        );
        down.commands.push(annotate(100 - share));
        down.rollback.push(annotate(100 - previous));
        down.verify.push(Verify {
            command: Command::kubectl(Target::Cluster, "get")
                .resource("service")
                .name(service_name)
                .args(["-o", "jsonpath={.metadata.annotations}"])
                .in_namespace(ns),
            expect: format!("{WEIGHT}={}", 100 - share),
        });
        steps.push(up);
        steps.push(down);
        previous = share;
    }
    steps
}
