//! What the user may set (SPEC §2), with the documented defaults, and the one front end all three
//! surfaces (CLI, app, JS library) share: each setting's name, its text form (`set`, `text`) and
//! the check of every setting (`validate`). Messages name the setting in words; each surface adds
//! its own name for it (a flag, a form label, an option).

use serde::{Deserialize, Serialize};

use crate::detect::Version;
use crate::i18n::Lang;
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
    /// The language of every text of the analysis and the plan (not a [`Setting`]: each
    /// surface chooses it its own way, from the locale or a switch).
    pub lang: Lang,
    /// The day certificates' expiry is judged on, `YYYY-MM-DD` (the change window's); when
    /// `None`, [`Settings::today`].
    pub as_of: Option<String>,
    /// Today, `YYYY-MM-DD` (not a [`Setting`]: core reads no clock, each surface sets it from
    /// its own). When neither this nor `as_of` is set, no expiry is judged, only shown.
    pub today: Option<String>,
    /// The user says the roots of trust of the two control planes are handled (ASM uses the
    /// same root, or proxies trust both): the roots-of-trust gate becomes a check by hand.
    pub trust_handled: bool,
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
            lang: Lang::En,
            as_of: None,
            today: None,
            trust_handled: false,
        }
    }
}

/// One setting a user gives as text: a CLI flag, a field of the app's form, a JS option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Setting {
    /// The ASM instance's version.
    AsmVersion,
    /// The shell variable holding the cluster's kubeconfig path.
    ClusterKubeconfigVar,
    /// The shell variable holding the ASM control plane's kubeconfig path.
    AsmKubeconfigVar,
    /// The pod label that opts a workload into ASM's proxy, `KEY=VALUE`.
    AsmLabel,
    /// The ASM egress gateway's share at each step, `1,10,50,100`.
    EgressWeights,
    /// The ASM egress gateway Service host.
    AsmEgressHost,
    /// Workloads per restart or switch wave.
    WaveSize,
    /// The largest input file, in bytes.
    MaxFileBytes,
    /// The largest sum of all inputs, in bytes.
    MaxTotalBytes,
    /// The most documents and list items.
    MaxDocuments,
    /// The deepest nesting inside a document.
    MaxDepth,
    /// The day certificates' expiry is judged on, `YYYY-MM-DD`.
    AsOf,
    /// Whether the roots of trust of the two control planes are handled, `true` or `false`.
    TrustHandled,
}

impl Setting {
    /// Every setting, in the order forms and help list them.
    pub const ALL: [Setting; 13] = [
        Setting::AsmVersion,
        Setting::ClusterKubeconfigVar,
        Setting::AsmKubeconfigVar,
        Setting::AsmLabel,
        Setting::EgressWeights,
        Setting::AsmEgressHost,
        Setting::WaveSize,
        Setting::MaxFileBytes,
        Setting::MaxTotalBytes,
        Setting::MaxDocuments,
        Setting::MaxDepth,
        Setting::AsOf,
        Setting::TrustHandled,
    ];

    /// The setting's name in kebab case, as core's messages write it (`setting asm-version`).
    pub fn key(self) -> &'static str {
        match self {
            Setting::AsmVersion => "asm-version",
            Setting::ClusterKubeconfigVar => "cluster-kubeconfig-var",
            Setting::AsmKubeconfigVar => "asm-kubeconfig-var",
            Setting::AsmLabel => "asm-label",
            Setting::EgressWeights => "egress-weights",
            Setting::AsmEgressHost => "asm-egress-host",
            Setting::WaveSize => "wave-size",
            Setting::MaxFileBytes => "max-file-bytes",
            Setting::MaxTotalBytes => "max-total-bytes",
            Setting::MaxDocuments => "max-documents",
            Setting::MaxDepth => "max-depth",
            Setting::AsOf => "as-of",
            Setting::TrustHandled => "trust-handled",
        }
    }

    /// What the setting is, one sentence in `lang` (help texts and tooltips).
    pub fn about(self, lang: Lang) -> String {
        match self {
            Setting::AsmVersion => t!(lang, "settings-about-asm-version"),
            Setting::ClusterKubeconfigVar => t!(lang, "settings-about-cluster-kubeconfig-var"),
            Setting::AsmKubeconfigVar => t!(lang, "settings-about-asm-kubeconfig-var"),
            Setting::AsmLabel => t!(lang, "settings-about-asm-label"),
            Setting::EgressWeights => t!(lang, "settings-about-egress-weights"),
            Setting::AsmEgressHost => t!(lang, "settings-about-asm-egress-host"),
            Setting::WaveSize => t!(lang, "settings-about-wave-size"),
            Setting::MaxFileBytes => t!(lang, "settings-about-max-file-bytes"),
            Setting::MaxTotalBytes => t!(lang, "settings-about-max-total-bytes"),
            Setting::MaxDocuments => t!(lang, "settings-about-max-documents"),
            Setting::MaxDepth => t!(lang, "settings-about-max-depth"),
            Setting::AsOf => t!(lang, "settings-about-as-of"),
            Setting::TrustHandled => t!(lang, "settings-about-trust-handled"),
        }
    }
}

impl Settings {
    /// Sets one setting from its text form (`sidecar.asm.aliyun.com/inject=true`, `1,10,50,100`,
    /// `10`). An empty text unsets an optional setting. The whole settings are checked by
    /// [`Settings::validate`]; this only reads the text. Messages are in the settings' language
    /// ([`Settings::lang`]): set it first.
    pub fn set(&mut self, setting: Setting, text: &str) -> Result<(), String> {
        let lang = self.lang;
        let quoted = format!("{text:?}");
        let count = |what: String| {
            text.trim().parse::<usize>().map_err(|_| {
                t!(
                    lang,
                    "settings-not-whole-number",
                    setting = what,
                    text = &quoted
                )
            })
        };
        let optional = |text: &str| (!text.trim().is_empty()).then(|| text.trim().to_string());
        match setting {
            Setting::AsmVersion => self.asm_version = optional(text),
            Setting::ClusterKubeconfigVar => self.cluster_kubeconfig_var = text.to_string(),
            Setting::AsmKubeconfigVar => self.asm_kubeconfig_var = text.to_string(),
            Setting::AsmLabel => {
                let (key, value) = text
                    .split_once('=')
                    .ok_or_else(|| t!(lang, "settings-asm-label-not-key-value", text = &quoted))?;
                self.asm_label_key = key.trim().to_string();
                self.asm_label_value = value.trim().to_string();
            }
            Setting::EgressWeights => {
                self.egress_weights = text
                    .split(',')
                    .map(|w| w.trim().parse::<u32>())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| t!(lang, "settings-egress-weights-not-numbers", text = &quoted))?;
            }
            Setting::AsmEgressHost => self.asm_egress_host = optional(text),
            Setting::WaveSize => self.wave_size = count(t!(lang, "settings-name-wave-size"))?,
            Setting::MaxFileBytes => {
                self.limits.max_file_bytes = count(t!(lang, "settings-name-max-file-bytes"))?;
            }
            Setting::MaxTotalBytes => {
                self.limits.max_total_bytes = count(t!(lang, "settings-name-max-total-bytes"))?;
            }
            Setting::MaxDocuments => {
                self.limits.max_documents = count(t!(lang, "settings-name-max-documents"))?;
            }
            Setting::MaxDepth => {
                self.limits.max_depth = count(t!(lang, "settings-name-max-depth"))?;
            }
            Setting::AsOf => self.as_of = optional(text),
            Setting::TrustHandled => {
                self.trust_handled = match text.trim() {
                    "true" | "yes" => true,
                    "false" | "no" | "" => false,
                    _ => return Err(t!(lang, "settings-trust-handled-not-bool", text = &quoted)),
                }
            }
        }
        Ok(())
    }

    /// A setting's text form, as [`Settings::set`] reads it ("" for an optional one not set).
    pub fn text(&self, setting: Setting) -> String {
        match setting {
            Setting::AsmVersion => self.asm_version.clone().unwrap_or_default(),
            Setting::ClusterKubeconfigVar => self.cluster_kubeconfig_var.clone(),
            Setting::AsmKubeconfigVar => self.asm_kubeconfig_var.clone(),
            Setting::AsmLabel => format!("{}={}", self.asm_label_key, self.asm_label_value),
            Setting::EgressWeights => self
                .egress_weights
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(","),
            Setting::AsmEgressHost => self.asm_egress_host.clone().unwrap_or_default(),
            Setting::WaveSize => self.wave_size.to_string(),
            Setting::MaxFileBytes => self.limits.max_file_bytes.to_string(),
            Setting::MaxTotalBytes => self.limits.max_total_bytes.to_string(),
            Setting::MaxDocuments => self.limits.max_documents.to_string(),
            Setting::MaxDepth => self.limits.max_depth.to_string(),
            Setting::AsOf => self.as_of.clone().unwrap_or_default(),
            Setting::TrustHandled => self.trust_handled.to_string(),
        }
    }

    /// Checks every setting; the message names the setting and what is accepted, in the
    /// settings' language ([`Settings::lang`]).
    pub fn validate(&self) -> Result<(), String> {
        let lang = self.lang;
        KubeconfigVars::new(&self.cluster_kubeconfig_var, &self.asm_kubeconfig_var)?;
        if !is_label_key(&self.asm_label_key) {
            return Err(t!(
                lang,
                "settings-asm-label-key-invalid",
                key = format!("{:?}", self.asm_label_key)
            ));
        }
        if !is_label_value(&self.asm_label_value) {
            return Err(t!(
                lang,
                "settings-asm-label-value-invalid",
                value = format!("{:?}", self.asm_label_value)
            ));
        }
        let weights = &self.egress_weights;
        if weights.is_empty()
            || weights.iter().any(|w| *w > 100)
            || weights.windows(2).any(|w| w[0] >= w[1])
            || weights.last() != Some(&100)
        {
            return Err(t!(
                lang,
                "settings-egress-weights-invalid",
                weights = format!("{weights:?}")
            ));
        }
        if let Some(host) = &self.asm_egress_host {
            if !is_dns1123_subdomain(host) {
                return Err(t!(
                    lang,
                    "settings-asm-egress-host-invalid",
                    host = format!("{host:?}")
                ));
            }
        }
        if self.wave_size == 0 {
            return Err(t!(lang, "settings-wave-size-zero"));
        }
        for date in [&self.as_of, &self.today].into_iter().flatten() {
            if crate::trust::day_start(date).is_none() {
                return Err(t!(
                    lang,
                    "settings-as-of-invalid",
                    date = format!("{date:?}")
                ));
            }
        }
        if let Some(version) = &self.asm_version {
            if Version::parse(version).number.is_none() {
                return Err(t!(
                    lang,
                    "settings-asm-version-invalid",
                    version = format!("{version:?}")
                ));
            }
        }
        Ok(())
    }

    /// The start of the day expiry is judged on (`as_of`, else `today`), in seconds since the
    /// Unix epoch; `None` when neither is a date.
    pub fn judged_on(&self) -> Option<(&str, u64)> {
        let date = self.as_of.as_deref().or(self.today.as_deref())?;
        Some((date, crate::trust::day_start(date)?))
    }

    /// The kubeconfig variable names. Callers check the settings with [`Settings::validate`]
    /// first (the CLI, the app and the JS library do); if they did not and a name is not a
    /// shell name, both defaults are used, so no command ever expands anything else.
    pub fn kubeconfig_vars(&self) -> KubeconfigVars {
        KubeconfigVars::new(&self.cluster_kubeconfig_var, &self.asm_kubeconfig_var)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_reads_back_its_own_text() {
        let defaults = Settings::default();
        for setting in Setting::ALL {
            let mut settings = Settings::default();
            settings
                .set(setting, &defaults.text(setting))
                .unwrap_or_else(|e| panic!("{setting:?}: {e}"));
            assert_eq!(settings, defaults, "{setting:?}");
        }
    }

    #[test]
    fn text_forms_parse_as_documented() {
        let mut settings = Settings::default();
        settings.set(Setting::AsmLabel, "a=b=c").unwrap();
        assert_eq!(
            (
                settings.asm_label_key.as_str(),
                settings.asm_label_value.as_str()
            ),
            ("a", "b=c")
        );
        settings.set(Setting::EgressWeights, " 5 , 100").unwrap();
        assert_eq!(settings.egress_weights, [5, 100]);
        settings.set(Setting::AsmVersion, "").unwrap();
        assert_eq!(settings.asm_version, None);
        settings.set(Setting::MaxDepth, "64").unwrap();
        assert_eq!(settings.limits.max_depth, 64);
    }

    #[test]
    fn bad_text_is_refused_with_the_setting_in_words() {
        let mut settings = Settings::default();
        let cases = [
            (
                Setting::AsmLabel,
                "no-equals",
                "the ASM label \"no-equals\" must be KEY=VALUE",
            ),
            (
                Setting::EgressWeights,
                "1,x",
                "the egress weights \"1,x\" must be whole numbers",
            ),
            (Setting::EgressWeights, "-1,100", "must be whole numbers"),
            (
                Setting::WaveSize,
                "ten",
                "the wave size \"ten\" is not a whole number",
            ),
            (
                Setting::MaxDepth,
                "1.5",
                "the limit max-depth \"1.5\" is not a whole number",
            ),
        ];
        for (setting, text, expected) in cases {
            let error = settings.set(setting, text).unwrap_err();
            assert!(error.contains(expected), "{setting:?} {text:?}: {error}");
            assert!(!error.contains("--"), "names a flag: {error}");
        }
    }

    #[test]
    fn messages_and_descriptions_are_in_the_settings_language() {
        let mut settings = Settings {
            lang: Lang::ZhCn,
            ..Settings::default()
        };
        let error = settings.set(Setting::WaveSize, "ten").unwrap_err();
        assert_eq!(error, "批次大小 \"ten\" 不是整数");
        settings.wave_size = 0;
        assert_eq!(settings.validate().unwrap_err(), "批次大小至少为 1");
        assert_eq!(
            Setting::WaveSize.about(Lang::En),
            "Workloads per restart or switch wave."
        );
        assert_eq!(
            Setting::WaveSize.about(Lang::ZhCn),
            "每个重启或切换批次包含的工作负载数。"
        );
    }

    #[test]
    fn setting_keys_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for setting in Setting::ALL {
            let key = setting.key();
            assert!(seen.insert(key), "{key} twice");
            assert!(
                key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{key}"
            );
        }
    }
}
