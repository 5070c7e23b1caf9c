//! Where the learning record store is and how to sign in: from command-line
//! flags, else the `FRONTLINE_LRS_*` environment variables, else the file
//! `lrs.ron` in Frontline's config folder. Each of the three values is taken
//! from the first source that has it, so a password can come from the
//! environment while the endpoint sits in the file.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Environment variable with the LRS endpoint (its xAPI base URL).
pub const URL_ENV: &str = "FRONTLINE_LRS_URL";
/// Environment variable with the basic-auth user (the LRS "key").
pub const USER_ENV: &str = "FRONTLINE_LRS_USER";
/// Environment variable with the basic-auth password (the LRS "secret").
pub const PASSWORD_ENV: &str = "FRONTLINE_LRS_PASSWORD";
/// File name of the settings file inside the config folder.
pub const CONFIG_FILE: &str = "lrs.ron";

/// A learning record store to send statements to.
#[derive(Clone, PartialEq, Eq)]
pub struct LrsConfig {
    /// The xAPI base URL, e.g. `https://lrs.example/xAPI` (statements go to
    /// `<endpoint>/statements`).
    pub endpoint: String,
    /// Basic-auth user.
    pub user: String,
    /// Basic-auth password.
    pub password: String,
}

impl std::fmt::Debug for LrsConfig {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LrsConfig")
            .field("endpoint", &self.endpoint)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// Some or all of the three settings, from one source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartialConfig {
    /// The xAPI base URL.
    pub endpoint: Option<String>,
    /// Basic-auth user.
    pub user: Option<String>,
    /// Basic-auth password.
    pub password: Option<String>,
}

/// `lrs.ron`: `(endpoint: "https://...", user: "...", password: "...")`,
/// any field may be left out (or empty) to take it from elsewhere.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ConfigFile {
    endpoint: String,
    user: String,
    password: String,
}

/// Why no usable configuration was found.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// No source names an endpoint: no LRS is configured.
    #[error(
        "no learning record store is configured: give --lrs URL, set {URL_ENV}, or write `endpoint` in {}",
        .0.as_ref().map_or_else(|| CONFIG_FILE.to_string(), |p| p.display().to_string())
    )]
    NotConfigured(Option<PathBuf>),
    /// An endpoint is set but the user or password is missing.
    #[error(
        "the learning record store {endpoint} needs a {missing}: give --{missing}, or set {env}"
    )]
    Missing {
        /// The endpoint found.
        endpoint: String,
        /// `user` or `password`.
        missing: &'static str,
        /// The environment variable that would supply it.
        env: &'static str,
    },
    /// The endpoint is not an http(s) URL.
    #[error("the learning record store address {0:?} is not an http:// or https:// URL")]
    BadUrl(String),
    /// The settings file exists but cannot be read or parsed.
    #[error("{path}:{line}:{col}: {detail}")]
    BadFile {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        col: usize,
        /// What is wrong.
        detail: String,
    },
}

impl PartialConfig {
    /// The `FRONTLINE_LRS_*` variables (empty ones count as unset).
    pub fn from_env() -> PartialConfig {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        PartialConfig {
            endpoint: var(URL_ENV),
            user: var(USER_ENV),
            password: var(PASSWORD_ENV),
        }
    }

    /// The settings file at `path`; all unset when it does not exist.
    pub fn from_file(path: &Path) -> Result<PartialConfig, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(PartialConfig::default());
            }
            Err(e) => {
                return Err(ConfigError::BadFile {
                    path: path.to_path_buf(),
                    line: 1,
                    col: 1,
                    detail: e.to_string(),
                });
            }
        };
        let file: ConfigFile = ron::from_str(&text).map_err(|e| ConfigError::BadFile {
            path: path.to_path_buf(),
            line: e.span.start.line,
            col: e.span.start.col,
            detail: e.code.to_string(),
        })?;
        let set = |v: String| Some(v).filter(|v| !v.is_empty());
        Ok(PartialConfig {
            endpoint: set(file.endpoint),
            user: set(file.user),
            password: set(file.password),
        })
    }

    /// Each setting from `self` when set, else from `fallback`.
    pub fn or(self, fallback: PartialConfig) -> PartialConfig {
        PartialConfig {
            endpoint: self.endpoint.or(fallback.endpoint),
            user: self.user.or(fallback.user),
            password: self.password.or(fallback.password),
        }
    }

    /// The complete configuration, or what is missing. `file` is only named
    /// in the message when nothing is configured.
    pub fn complete(self, file: Option<&Path>) -> Result<LrsConfig, ConfigError> {
        let Some(endpoint) = self.endpoint else {
            return Err(ConfigError::NotConfigured(file.map(Path::to_path_buf)));
        };
        let endpoint = endpoint.trim().trim_end_matches('/').to_string();
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(ConfigError::BadUrl(endpoint));
        }
        let missing = |missing, env| ConfigError::Missing {
            endpoint: endpoint.clone(),
            missing,
            env,
        };
        let user = self.user.ok_or_else(|| missing("user", USER_ENV))?;
        let password = self
            .password
            .ok_or_else(|| missing("password", PASSWORD_ENV))?;
        Ok(LrsConfig {
            endpoint,
            user,
            password,
        })
    }
}

/// The configuration from `flags`, else the environment, else `lrs.ron` in
/// `config_dir` (see the module docs).
pub fn resolve(flags: PartialConfig, config_dir: Option<&Path>) -> Result<LrsConfig, ConfigError> {
    let file = config_dir.map(|d| d.join(CONFIG_FILE));
    let from_file = match &file {
        Some(path) => PartialConfig::from_file(path)?,
        None => PartialConfig::default(),
    };
    flags
        .or(PartialConfig::from_env())
        .or(from_file)
        .complete(file.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partial(endpoint: Option<&str>, user: Option<&str>, pw: Option<&str>) -> PartialConfig {
        PartialConfig {
            endpoint: endpoint.map(String::from),
            user: user.map(String::from),
            password: pw.map(String::from),
        }
    }

    #[test]
    fn flags_win_over_the_file_setting_by_setting() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "(endpoint: \"https://file.example/xAPI/\", user: \"file-user\", password: \"file-pw\")",
        )
        .unwrap();
        let from_file = PartialConfig::from_file(&dir.path().join(CONFIG_FILE)).unwrap();
        let got = partial(None, Some("flag-user"), None)
            .or(from_file)
            .complete(None)
            .unwrap();
        assert_eq!(got.endpoint, "https://file.example/xAPI");
        assert_eq!(got.user, "flag-user");
        assert_eq!(got.password, "file-pw");
        assert!(!format!("{got:?}").contains("file-pw"), "password printed");
    }

    #[test]
    fn a_broken_settings_file_is_named_with_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "(\n  endpoint: \"x\",\n  colour: 3,\n)").unwrap();
        let err = PartialConfig::from_file(&path).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("{}:3:", path.display())),
            "{text}"
        );
    }

    #[test]
    fn missing_pieces_are_named() {
        assert!(matches!(
            partial(None, Some("u"), Some("p")).complete(None),
            Err(ConfigError::NotConfigured(None))
        ));
        let err = partial(Some("https://lrs.example"), Some("u"), None)
            .complete(None)
            .unwrap_err();
        assert!(err.to_string().contains(PASSWORD_ENV), "{err}");
        assert_eq!(
            partial(Some("lrs.example"), Some("u"), Some("p")).complete(None),
            Err(ConfigError::BadUrl("lrs.example".into()))
        );
    }
}
