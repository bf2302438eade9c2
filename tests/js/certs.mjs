// Certificates for the trust tests of the JavaScript library, and the ConfigMap that carries them.
// Two self-signed P-256 roots made once for these tests (no key was kept):
//   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /O=cluster.local -days 3650
// and the same with -subj /O=asm.local. Fingerprints, subjects and dates as
// `openssl x509 -noout -fingerprint -sha256 -subject -dates` printed them.
export const ISTIO_ROOT = `-----BEGIN CERTIFICATE-----
MIIBhTCCASugAwIBAgIUY3md8x2cqtuq8gN4d4wE4IsxgAQwCgYIKoZIzj0EAwIw
GDEWMBQGA1UECgwNY2x1c3Rlci5sb2NhbDAeFw0yNjEyMDMxMjU2NDlaFw0zNjEx
MzAxMjU2NDlaMBgxFjAUBgNVBAoMDWNsdXN0ZXIubG9jYWwwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAQtKqy70MU/BkCidPuLUI7OrrtSZ7NOtRgdcYP3M+qE75U1
GTUFAyl1+wE5KAK+lnc3ZE62s0jt5F6lINP+QX3Wo1MwUTAdBgNVHQ4EFgQU29sS
w5FWJz+UsYbjSUe2N3YAYmMwHwYDVR0jBBgwFoAU29sSw5FWJz+UsYbjSUe2N3YA
YmMwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAqCQo1eHFvGyBJ
FnbtZIfAH2o+sz/zgotQ0Vaaw7lQVQIhAKSr/SMxcs9qIxDRuaXkEB4hYMKVLxAj
wynyQ6u+im/S
-----END CERTIFICATE-----
`;
export const ISTIO_ROOT_SHA256 = '2C:78:C9:1C:65:BA:88:27:99:1B:B7:A8:77:65:20:1C:DD:92:C6:A3:9E:50:49:66:5E:CB:13:34:2A:7A:45:4A';

export const ASM_ROOT = `-----BEGIN CERTIFICATE-----
MIIBfDCCASOgAwIBAgIUFZNzohppKjPVZ3AgRDtMdU+jUQwwCgYIKoZIzj0EAwIw
FDESMBAGA1UECgwJYXNtLmxvY2FsMB4XDTI2MTIwMzEyNTcwNloXDTM2MTEzMDEy
NTcwNlowFDESMBAGA1UECgwJYXNtLmxvY2FsMFkwEwYHKoZIzj0CAQYIKoZIzj0D
AQcDQgAEucX2S2MNKikPyLxp35owIpjOIGmZqgVPfVyRDmnCZfEQyubJSQtVxPqH
2m513vmbBsQu1z80w3gvjgxdsjI6iKNTMFEwHQYDVR0OBBYEFLjiPiHZ/a1N9EGI
V+Ch1YO2y1xEMB8GA1UdIwQYMBaAFLjiPiHZ/a1N9EGIV+Ch1YO2y1xEMA8GA1Ud
EwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgQhCrjETmR8vf3FgMFHMCqrsF
E96YyPTHCaODSBU7BjQCIGyhWVprBYESD4KMZa0rSne6geZ/k2RrJlFMrqci/BKU
-----END CERTIFICATE-----
`;
export const ASM_ROOT_SHA256 = 'D9:FC:EA:78:F8:F1:FC:C2:92:96:A9:D2:E8:0D:FE:AC:8D:7B:FD:CF:BD:FD:A9:28:7B:8C:BF:E9:26:0B:98:D1';

/** An `istio-ca-root-cert` ConfigMap, as istiod writes one into every namespace. */
export function rootCertMap(namespace, pem) {
  const body = pem.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');
  return `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-ca-root-cert\n  namespace: ${namespace}\n  labels:\n    istio.io/config: "true"\ndata:\n  root-cert.pem: |\n${body}\n`;
}
