#!/usr/bin/env python3
"""Three-cluster multi-primary, multi-network kubectl exports for tests/fixtures/multicluster/.

Usage:  python3 scripts/gen-multicluster-fixtures.py      (needs PyYAML)

Assembled, not captured: every object is taken from the embedded demo export
(crates/istio2asm-core/demo/*.yaml, itself an Istio 1.22.3 install with cluster1/network1/mesh1)
and re-labelled per cluster; the east-west gateway follows samples/multicluster/gen-eastwest-gateway.sh
(istio/istio tag 1.22.3), the cross-network Gateway is samples/multicluster/expose-services.yaml at
1.22.3, remote secrets follow istioctl/pkg/multicluster/remote_secret.go (metadata only), and the
istio-ca-root-cert ConfigMaps carry the test roots of tests/fixtures/trust/ (run
scripts/gen-test-certs.py first). See tests/fixtures/multicluster/README.md.

east and west are correct with each other. central is broken on purpose: meshId mesh2,
CLUSTER_ID equal to west's, network3 without an east-west gateway, no remote secret for east,
and a different root (istio-root-2: same subject O=cluster.local, different key).
"""

import copy
import pathlib
import sys
import uuid

import yaml

REPO = pathlib.Path(__file__).resolve().parent.parent
DEMO = REPO / "crates" / "istio2asm-core" / "demo"
TRUST = REPO / "tests" / "fixtures" / "trust"
OUT = REPO / "tests" / "fixtures" / "multicluster"

CLUSTERS = {
    # dir: (CLUSTER_ID, network, meshID, root PEM, remote secrets for, east-west gateway?, k8s version)
    "east": ("east", "network1", "mesh1", "istio-root.pem", ["central", "west"], True,
             {"major": "1", "minor": "28", "gitVersion": "v1.28.3-aliyun.1"}),
    "west": ("west", "network2", "mesh1", "istio-root.pem", ["central", "east"], True,
             {"major": "1", "minor": "30", "gitVersion": "v1.30.1-aliyun.1", "goVersion": "go1.22.2",
              "buildDate": "2024-06-20T08:11:47Z"}),
    "central": ("west", "network3", "mesh2", "istio-root-2.pem", ["west"], False,
                {"major": "1", "minor": "28", "gitVersion": "v1.28.9", "goVersion": "go1.21.9",
                 "buildDate": "2024-04-16T15:03:12Z"}),
}

HEADER = (
    "# ASSEMBLED test export (not captured from a cluster): scripts/gen-multicluster-fixtures.py,\n"
    "# see tests/fixtures/multicluster/README.md for the sources of every object.\n"
)


class KubectlDumper(yaml.SafeDumper):
    pass


def _str(dumper, s):
    if "\n" in s:
        return dumper.represent_scalar("tag:yaml.org,2002:str", s, style="|")
    try:
        plain_ok = yaml.safe_load(s) == s and s.strip() == s and s != "" and not s.startswith(("{", "[", "*", "&", "!", "%", "@", "`"))
    except yaml.YAMLError:
        plain_ok = False
    if plain_ok and ": " not in s and " #" not in s:
        return dumper.represent_scalar("tag:yaml.org,2002:str", s)
    return dumper.represent_scalar("tag:yaml.org,2002:str", s, style='"')


KubectlDumper.add_representer(str, _str)


def dump_list(items):
    doc = {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}
    return HEADER + yaml.dump(doc, Dumper=KubectlDumper, sort_keys=True, width=4096, default_flow_style=False)


def load_items(name):
    return yaml.safe_load((DEMO / name).read_text())["items"]


def pick(items, kind, name):
    for i in items:
        if i["kind"] == kind and i["metadata"]["name"] == name:
            return copy.deepcopy(i)
    raise SystemExit(f"demo has no {kind}/{name}")


def walk(obj, fn):
    if isinstance(obj, dict):
        return {k: walk(fn(k, v) if not isinstance(v, (dict, list)) else v, fn) for k, v in obj.items()}
    if isinstance(obj, list):
        return [walk(v, fn) if isinstance(v, (dict, list)) else fn(None, v) for v in obj]
    return obj


def relabel(obj, cid, net, mesh, cluster_dir):
    """cluster1 -> cid, network1 -> net, mesh1 -> mesh; uids unique per cluster."""

    def fn(key, v):
        if not isinstance(v, str):
            return v
        if key == "uid":
            return str(uuid.uuid5(uuid.NAMESPACE_URL, f"istio2asm/{cluster_dir}/{v}"))
        v = v.replace("cluster1", cid).replace("network1", net)
        v = v.replace('"meshId":"mesh1"', f'"meshId":"{mesh}"').replace('"meshID": "mesh1"', f'"meshID": "{mesh}"')
        v = v.replace("meshId: mesh1", f"meshId: {mesh}")
        if v == "mesh1":
            v = mesh
        return v

    obj = walk(obj, fn)
    # The demo's gateways carry ISTIO_META_MESH_ID=cluster.local (meshID unset when they were
    # injected); in these clusters meshID is set everywhere, as the injector would write it.
    for c in obj.get("spec", {}).get("containers", []) + obj.get("spec", {}).get("template", {}).get("spec", {}).get("containers", []):
        for e in c.get("env", []) or []:
            if e.get("name") == "ISTIO_META_MESH_ID":
                e["value"] = mesh
    return obj


def strip_eastwest_only(items):
    return [i for i in items if "eastwest" not in i["metadata"]["name"]]


def namespaces(all_items, net):
    out = []
    for name in ("default", "istio-system", "kube-system", "shop"):
        ns = pick(all_items, "Namespace", name)
        if name == "istio-system":
            ns["metadata"]["labels"]["topology.istio.io/network"] = net
            # Before migration: community Istio does not label istio-system; the demo's
            # `istio-injection: disabled` models ASM's label sync (seed doc), and an east-west
            # gateway injected with the `gateway` template needs it absent.
            ns["metadata"]["labels"].pop("istio-injection", None)
        out.append(ns)
    return out


def ca_root_configmaps(root_pem, cluster_dir):
    items = []
    for i, ns in enumerate(("default", "istio-system", "shop")):
        items.append(
            {
                "apiVersion": "v1",
                "data": {"root-cert.pem": root_pem},
                "kind": "ConfigMap",
                "metadata": {
                    "creationTimestamp": f"2025-02-0{3 + i}T06:15:0{8 + i}Z",
                    "labels": {"istio.io/config": "true"},
                    "name": "istio-ca-root-cert",
                    "namespace": ns,
                    "resourceVersion": str(20586715 + 7 * i),
                    "uid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"istio2asm/{cluster_dir}/istio-ca-root-cert/{ns}")),
                },
            }
        )
    return items


def remote_secrets(others, cluster_dir):
    # istioctl create-remote-secret --name <other>: name istio-remote-secret-<other>, label
    # istio/multiCluster=true, annotation networking.istio.io/cluster=<other>. METADATA ONLY:
    # the kubeconfig in the data is left out on purpose (no credential in a fixture).
    return [
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {
                "annotations": {"networking.istio.io/cluster": other},
                "creationTimestamp": "2025-02-10T09:30:12Z",
                "labels": {"istio/multiCluster": "true"},
                "name": f"istio-remote-secret-{other}",
                "namespace": "istio-system",
                "resourceVersion": str(24011873 + n),
                "uid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"istio2asm/{cluster_dir}/remote/{other}")),
            },
        }
        for n, other in enumerate(others)
    ]


def cross_network_gateway(cluster_dir):
    # samples/multicluster/expose-services.yaml @ 1.22.3 (networking.istio.io/v1alpha3), applied
    # with `kubectl apply -n istio-system`, as `kubectl get gateways.networking.istio.io -A -o yaml`.
    return {
        "apiVersion": "networking.istio.io/v1alpha3",
        "kind": "Gateway",
        "metadata": {
            "creationTimestamp": "2025-02-10T09:28:40Z",
            "generation": 1,
            "name": "cross-network-gateway",
            "namespace": "istio-system",
            "resourceVersion": "24011512",
            "uid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"istio2asm/{cluster_dir}/cross-network-gateway")),
        },
        "spec": {
            "selector": {"istio": "eastwestgateway"},
            "servers": [
                {
                    "hosts": ["*.local"],
                    "port": {"name": "tls", "number": 15443, "protocol": "TLS"},
                    "tls": {"mode": "AUTO_PASSTHROUGH"},
                }
            ],
        },
    }


def version(server):
    # the demo's `kubectl version -o yaml` with the server fields of this cluster (made up,
    # gitCommit kept from the demo)
    v = yaml.safe_load((DEMO / "version.yaml").read_text())
    v["serverVersion"].update(server)
    return yaml.dump(v, Dumper=KubectlDumper, sort_keys=True, width=4096, default_flow_style=False)


def main():
    cluster = load_items("cluster.yaml")
    cms = load_items("istio-system-configmaps.yaml")
    workload_names = [
        ("Deployment", "istiod"),
        ("ReplicaSet", "istiod-599d4b6c65"),
        ("Pod", "istiod-599d4b6c65-8vx2k"),
        ("Service", "istiod"),
        ("Deployment", "istio-eastwestgateway"),
        ("ReplicaSet", "istio-eastwestgateway-58487fb8fd"),
        ("Pod", "istio-eastwestgateway-58487fb8fd-5mthk"),
        ("Service", "istio-eastwestgateway"),
        ("Deployment", "cart"),
        ("ReplicaSet", "cart-5cb6cf68c5"),
        ("Pod", "cart-5cb6cf68c5-c2v72"),
        ("Service", "cart"),
    ]
    for cdir, (cid, net, mesh, root, others, eastwest, kver) in CLUSTERS.items():
        d = OUT / cdir
        d.mkdir(parents=True, exist_ok=True)
        workloads = [relabel(pick(cluster, k, n), cid, net, mesh, cdir) for k, n in workload_names]
        if not eastwest:
            workloads = strip_eastwest_only(workloads)
        nss = [relabel(n, cid, net, mesh, cdir) for n in namespaces(cluster, net)]
        (d / "cluster.yaml").write_text(dump_list(nss + workloads))
        mesh_cms = [relabel(pick(cms, "ConfigMap", n), cid, net, mesh, cdir) for n in ("istio", "istio-sidecar-injector")]
        # Before the migration: PROXY_CONFIG_XDS_AGENT is what ASM adds in SetupIstioForMigrate
        # (seed doc, 步骤二); a plain Istio mesh does not have it.
        mesh_cms[0]["data"]["mesh"] = mesh_cms[0]["data"]["mesh"].replace('    PROXY_CONFIG_XDS_AGENT: "true"\n', "")
        (d / "istio-system-configmaps.yaml").write_text(dump_list(mesh_cms))
        (d / "istio-ca-root-cert.yaml").write_text(dump_list(ca_root_configmaps((TRUST / root).read_text(), cdir)))
        (d / "remote-secrets.yaml").write_text(dump_list(remote_secrets(others, cdir)))
        if eastwest:
            (d / "istio-config.yaml").write_text(dump_list([cross_network_gateway(cdir)]))
        elif (d / "istio-config.yaml").exists():
            (d / "istio-config.yaml").unlink()
        (d / "version.yaml").write_text(version(kver))
    return 0


if __name__ == "__main__":
    sys.exit(main())
