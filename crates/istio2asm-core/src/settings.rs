//! What the user may set (SPEC §2), with the documented defaults, and the one check of every
//! setting that all three front ends (CLI, app, JS library) share.

use serde::{Deserialize, Serialize};

use crate::detect::Version;
use crate::kubectl::KubeconfigVars;
use crate::load::Limits;
use crate::names::{is_dns1123_subdomain, is_label_key, is_label_value};

/// What the user may set (SPEC §2). Every field has the documented default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The ASM instance's version (e.g. `1.24.6`); unknown when `None`.
    pub asm_version: Option<String>,
    /// The kubeconfig variable for the cluster.
    pub cluster_kubeconfig_var: String,
    /// The kubeconfig variable for the ASM control plane.
    pub asm_kubeconfig_var: String,
    /// The pod label that opts a workload into ASM's proxy: key.
    pub asm_label_key: String,
    /// The pod label that opts a workload into ASM's proxy: value.
    pub asm_label_value: String,
    /// The ASM egress gateway's share at each step, ending at 100.
    pub egress_weights: Vec<u32>,
    /// The ASM egress gateway Service host; read from the export when `None`.
    pub asm_egress_host: Option<String>,
    /// How many workloads one wave restarts or switches.
    pub wave_size: usize,
    /// Load limits.
    pub limits: Limits,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            asm_version: None,
            cluster_kubeconfig_var: "K8S_KUBECONFIG".into(),
            asm_kubeconfig_var: "ASM_KUBECONFIG".into(),
            asm_label_key: "sidecar.asm.aliyun.com/inject".into(),
            asm_label_value: "true".into(),
            egress_weights: vec![1, 10, 50, 100],
            asm_egress_host: None,
            wave_size: 10,
            limits: Limits::default(),
        }
    }
}

impl Settings {
    /// Checks every setting; the message names the setting and what is accepted.
    pub fn validate(&self) -> Result<(), String> {
        KubeconfigVars::new(&self.cluster_kubeconfig_var, &self.asm_kubeconfig_var)?;
        if !is_label_key(&self.asm_label_key) {
            return Err(format!(
                "the ASM label key {:?} is not a Kubernetes label key (e.g. sidecar.asm.aliyun.com/inject)",
                self.asm_label_key
            ));
        }
        if !is_label_value(&self.asm_label_value) {
            return Err(format!(
                "the ASM label value {:?} is not a Kubernetes label value (at most 63 of A-Z a-z 0-9 - _ .)",
                self.asm_label_value
            ));
        }
        let weights = &self.egress_weights;
        if weights.is_empty()
            || weights.iter().any(|w| *w > 100)
            || weights.windows(2).any(|w| w[0] >= w[1])
            || weights.last() != Some(&100)
        {
            return Err(format!(
                "the egress weights {weights:?} must rise strictly from 0..100 and end at 100 (e.g. 1,10,50,100)"
            ));
        }
        if let Some(host) = &self.asm_egress_host {
            if !is_dns1123_subdomain(host) {
                return Err(format!("the ASM egress host {host:?} is not a DNS name"));
            }
        }
        if self.wave_size == 0 {
            return Err("the wave size must be at least 1".into());
        }
        if let Some(version) = &self.asm_version {
            if Version::parse(version).number.is_none() {
                return Err(format!(
                    "the ASM version {version:?} is not a version like 1.24.6"
                ));
            }
        }
        Ok(())
    }

    /// The kubeconfig variable names. Callers check the settings with [`Settings::validate`]
    /// first (the CLI, the app and the JS library do); if they did not and a name is not a
    /// shell name, both defaults are used, so no command ever expands anything else.
    pub fn kubeconfig_vars(&self) -> KubeconfigVars {
        KubeconfigVars::new(&self.cluster_kubeconfig_var, &self.asm_kubeconfig_var)
            .unwrap_or_default()
    }
}
