#!/usr/bin/env python3
"""Test certificates and istio-ca-root-cert ConfigMap exports for tests/fixtures/trust/.

Usage:
    python3 scripts/gen-test-certs.py            # write missing PEMs, then (re)write every YAML
    python3 scripts/gen-test-certs.py --regen    # new keys for every PEM, then every YAML

Needs the `cryptography` package (python3 -m venv /tmp/certs-venv && /tmp/certs-venv/bin/pip
install cryptography). Subjects and validity dates are fixed, so the certificates are the same
in meaning every time; keys and serial numbers are random, so fingerprints change with --regen
(tests must compare fingerprints computed from the committed PEMs, never hard-code new ones
without re-reading README.md). No private key is written anywhere.

The self-signed roots imitate what istiod generates for its self-signed CA
(istio/istio security/pkg/pki/util/generate_cert.go genCertTemplateFromOptions): subject
Organization only, no CN, BasicConstraints CA:TRUE, KeyUsage keyCertSign, RSA 2048, SHA-256.
"""

import argparse
import base64
import datetime
import hashlib
import pathlib
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "trust"


def utc(y, m, d):
    return datetime.datetime(y, m, d, tzinfo=datetime.timezone.utc)


# name -> (Organization, notBefore, notAfter)
ROOTS = {
    "istio-root": ("cluster.local", utc(2025, 1, 1), utc(2035, 1, 1)),
    # the "new" root of a rotation: same subject as Istio's self-signed root, later dates
    "istio-root-2": ("cluster.local", utc(2026, 6, 1), utc(2036, 6, 1)),
    "asm-root": ("asm-test-root", utc(2025, 6, 1), utc(2035, 6, 1)),
    "expiring-root": ("expiring-test-root", utc(2016, 12, 20), utc(2026, 12, 20)),
    "expired-root": ("expired-test-root", utc(2016, 11, 1), utc(2026, 11, 1)),
}


def make_root(org, not_before, not_after):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def garbage_pem():
    # A CERTIFICATE block whose base64 decodes fine but whose bytes are not DER:
    # fixed bytes (sha256 chain of a constant), so the file is the same every run.
    data = b""
    seed = b"istio2asm not-a-cert"
    while len(data) < 300:
        seed = hashlib.sha256(seed).digest()
        data += seed
    b64 = base64.b64encode(data[:300]).decode("ascii")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


GARBAGE_TXT = (
    "This is not PEM. Someone pasted a note here instead of the root certificate:\n"
    "root cert rotated on 2026-03-01, ask the platform team for the new one.\n"
)


def write_certs(regen):
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (org, nb, na) in ROOTS.items():
        path = OUT / f"{name}.pem"
        if regen or not path.exists():
            path.write_text(make_root(org, nb, na))
    bundle = (OUT / "istio-root.pem").read_text() + (OUT / "istio-root-2.pem").read_text()
    (OUT / "rotation-bundle.pem").write_text(bundle)
    (OUT / "not-a-cert.pem").write_text(garbage_pem())
    (OUT / "garbage.txt").write_text(GARBAGE_TXT)


def pem(name):
    return (OUT / name).read_text()


def block(text, indent):
    pad = " " * indent
    return "".join(pad + line + "\n" if line else "\n" for line in text.splitlines())


def configmap(ns, data, created, rv, uid, labels=True):
    """One item as `kubectl get configmaps -A -o yaml` prints it (keys sorted)."""
    out = "- apiVersion: v1\n"
    if data is not None:  # a ConfigMap without data has no `data` key at all
        out += "  data:\n"
        for key, value in data.items():
            if value.endswith("\n"):
                out += f"    {key}: |\n" + block(value, 6)
            else:
                out += f"    {key}: |-\n" + block(value, 6)
    out += "  kind: ConfigMap\n  metadata:\n"
    out += f'    creationTimestamp: "{created}"\n'
    if labels:
        out += '    labels:\n      istio.io/config: "true"\n'
    out += "    name: istio-ca-root-cert\n"
    out += f"    namespace: {ns}\n"
    out += f'    resourceVersion: "{rv}"\n'
    out += f"    uid: {uid}\n"
    return out


def as_list(items, header=""):
    return header + "apiVersion: v1\nitems:\n" + "".join(items) + 'kind: List\nmetadata:\n  resourceVersion: ""\n'


# Stable per-namespace metadata (uids are fixed, made-up v4-looking values).
META = {
    "default": ("2025-01-06T03:12:44Z", "1742", "0b6f2a8e-5c1d-4e7a-9f3b-2d8c6a1e4f01"),
    "istio-system": ("2025-01-06T03:12:41Z", "1738", "3c9e1b7d-8a2f-4d6c-b5e0-7f1a2c3d4e02"),
    "ledger": ("2025-03-11T09:40:05Z", "884213", "5d2a8c4e-1b3f-4a9d-8e7c-6b0f1a2d3e03"),
    "shop": ("2025-01-20T07:05:19Z", "90311", "7e4c1a9b-3d5f-4b8a-a2c6-9d0e1f2a3b04"),
}


def item(ns, cert_text, rv=None, labels=True):
    created, base_rv, uid = META[ns]
    data = None if cert_text is None else {"root-cert.pem": cert_text}
    return configmap(ns, data, created, rv or base_rv, uid, labels)


HEADER = (
    "# GENERATED by scripts/gen-test-certs.py — test data, not a real cluster.\n"
    "# Shape of `kubectl get configmaps -A --field-selector metadata.name=istio-ca-root-cert -o yaml`.\n"
)


def write_yaml():
    istio, asm = pem("istio-root.pem"), pem("asm-root.pem")
    files = {
        "one-root.yaml": [item("default", istio), item("istio-system", istio), item("shop", istio)],
        # shop and ledger were last written by a second writer (ASM's control plane in this story):
        # higher resourceVersions than the namespaces istiod wrote.
        "two-writers.yaml": [
            item("default", istio),
            item("istio-system", istio),
            item("ledger", asm, rv="2210457"),
            item("shop", asm, rv="2210461"),
        ],
        "expiring.yaml": [
            item("default", pem("expiring-root.pem")),
            item("istio-system", pem("expiring-root.pem")),
            item("shop", pem("expiring-root.pem")),
        ],
        "expired.yaml": [
            item("default", pem("expired-root.pem")),
            item("istio-system", pem("expired-root.pem")),
            item("shop", pem("expired-root.pem")),
        ],
        "bundle.yaml": [
            item("default", pem("rotation-bundle.pem")),
            item("istio-system", pem("rotation-bundle.pem")),
            item("shop", pem("rotation-bundle.pem")),
        ],
        # default: PEM block of non-DER bytes; istio-system: fine; ledger: no root-cert.pem key;
        # shop: plain text instead of PEM.
        "malformed.yaml": [
            item("default", pem("not-a-cert.pem")),
            item("istio-system", istio),
            item("ledger", None),
            item("shop", pem("garbage.txt")),
        ],
    }
    for name, items in files.items():
        (OUT / name).write_text(as_list(items, HEADER))
    # The same ConfigMap as exported with the ASM instance's kubeconfig (the ASM side), carrying
    # ASM's root. The label is assumed (Istio's); ASM's real labels are not confirmed.
    asm_meta = {
        "default": ("2025-06-02T01:20:33Z", "31877", "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c05"),
        "istio-system": ("2025-06-02T01:20:30Z", "31869", "ab2c3d4e-5f6a-4b7c-9d8e-1f2a3b4c5d06"),
    }
    asm_items = [
        configmap(ns, {"root-cert.pem": asm}, *asm_meta[ns]) for ns in ("default", "istio-system")
    ]
    header = HEADER + "# Exported from the ASM side (kubectl --kubeconfig=${ASM_KUBECONFIG} ...).\n"
    (OUT / "asm-side.yaml").write_text(as_list(asm_items, header))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regen", action="store_true", help="new keys for every PEM")
    args = ap.parse_args()
    write_certs(args.regen)
    write_yaml()
    return 0


if __name__ == "__main__":
    sys.exit(main())
