# A kubelet-style YAML configuration for yamlfilecontent_object.
set -eu
mkdir -p "$1/etc/kubernetes"
cat >"$1/etc/kubernetes/kubelet.yaml" <<'YAML'
authentication:
  anonymous:
    enabled: false
readOnlyPort: 0
tlsCipherSuites: [TLS_AES_128_GCM_SHA256, TLS_RSA_WITH_RC4_128_SHA]
evictionHard:
  memory.available: 100Mi
YAML
