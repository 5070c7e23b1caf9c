//! Where the team server is and how to sign in: `--server` / `--token`
//! flags, else `FRONTLINE_SERVER` / `FRONTLINE_TOKEN`, else `server.ron` in
//! the preferences folder ([`frontline_results::config_dir`]). Without a
//! server URL anywhere there is no server: everything stays local.

use serde::Deserialize;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Environment variable with the server URL.
pub const SERVER_ENV: &str = "FRONTLINE_SERVER";
/// Environment variable with the access token.
pub const TOKEN_ENV: &str = "FRONTLINE_TOKEN";
/// File name of the server settings inside the preferences folder.
pub const SERVER_FILE: &str = "server.ron";
/// How long one request (with its retries) may take unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// A usable server setting: checked URL, token and limits.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerConfig {
    /// Base URL without a trailing slash (`https://results.example.com`).
    pub url: String,
    /// Bearer token (never printed: `Debug` hides it).
    pub token: String,
    /// Upper bound for one request including its retries.
    pub timeout: Duration,
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("url", &self.url)
            .field("token", &"<hidden>")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The contents of `server.ron`; every field is optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerFile {
    /// Server URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Access token.
    #[serde(default)]
    pub token: Option<String>,
    /// Allow `http://` to hosts other than this machine (tokens then travel
    /// unencrypted: only for a trusted network).
    #[serde(default)]
    pub allow_plain_http: bool,
    /// Timeout in seconds for one request with its retries (default 10).
    #[serde(default)]
    pub timeout_secs: Option<u64>,
}

/// Settings given on the command line (they win over everything else).
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--server URL`.
    pub server: Option<String>,
    /// `--token T`.
    pub token: Option<String>,
}

/// Why the server setting cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// `server.ron` exists but cannot be read or parsed.
    #[error("{path}:{line}:{col}: {message}")]
    BadFile {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// The URL is not `http(s)://host[:port][/path]`.
    #[error("server URL `{0}` is not valid: use https://host[:port]")]
    BadUrl(String),
    /// Plain HTTP to another machine without `allow_plain_http: true`.
    #[error(
        "server URL `{0}` uses plain http to another machine, which would send the token unencrypted; use https, or set `allow_plain_http: true` in {SERVER_FILE} for a trusted network"
    )]
    PlainHttp(String),
    /// A URL but no token.
    #[error(
        "a server is configured ({0}) but no token: pass --token, set {TOKEN_ENV}, or add `token` to {SERVER_FILE}"
    )]
    NoToken(String),
}

/// The server setting from flags, environment and `<config_dir>/server.ron`
/// (each field from the first that has it); `Ok(None)` when no URL is set
/// anywhere (offline, as without a server).
pub fn resolve(
    overrides: &Overrides,
    config_dir: Option<&Path>,
) -> Result<Option<ServerConfig>, ConfigError> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let file = match config_dir {
        Some(dir) => read_file(&dir.join(SERVER_FILE))?,
        None => ServerFile::default(),
    };
    let url = overrides
        .server
        .clone()
        .or_else(|| env(SERVER_ENV))
        .or(file.url);
    let Some(url) = url else { return Ok(None) };
    let token = overrides
        .token
        .clone()
        .or_else(|| env(TOKEN_ENV))
        .or(file.token);
    let url = check_url(&url, file.allow_plain_http)?;
    let token = token
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ConfigError::NoToken(url.clone()))?;
    let timeout = file
        .timeout_secs
        .filter(|&s| s > 0)
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs);
    Ok(Some(ServerConfig {
        url,
        token,
        timeout,
    }))
}

/// Reads `server.ron`; a missing file is an empty setting.
pub fn read_file(path: &Path) -> Result<ServerFile, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ServerFile::default()),
        Err(e) => {
            return Err(ConfigError::BadFile {
                path: path.to_path_buf(),
                line: 1,
                col: 1,
                message: format!("cannot read it: {e}"),
            });
        }
    };
    // Implicit `Some`: `url: "https://..."` rather than `url: Some("https://...")`.
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .map_err(|e| ConfigError::BadFile {
            path: path.to_path_buf(),
            line: e.span.start.line.max(1),
            col: e.span.start.col.max(1),
            message: e.code.to_string(),
        })
}

/// The URL without a trailing slash, when it is http(s) with a host, and
/// plain http only to this machine unless `allow_plain_http`.
pub fn check_url(url: &str, allow_plain_http: bool) -> Result<String, ConfigError> {
    let url = url.trim().trim_end_matches('/');
    let bad = || ConfigError::BadUrl(url.to_string());
    let (plain, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (false, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (true, rest)
    } else {
        return Err(bad());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') || url.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let host = host_of(authority).ok_or_else(bad)?;
    if plain && !allow_plain_http && !is_loopback(host) {
        return Err(ConfigError::PlainHttp(url.to_string()));
    }
    Ok(url.to_string())
}

/// The host part of `host[:port]` or `[v6]:port`, when the port (if any) is a number.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok());
    (!host.is_empty() && port_ok).then_some(host)
}

/// `localhost` or a loopback address.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_only_for_this_machine_unless_allowed() {
        assert_eq!(
            check_url("https://results.example.com/", false).unwrap(),
            "https://results.example.com"
        );
        for local in [
            "http://127.0.0.1:8080",
            "http://localhost:3000/",
            "http://[::1]:9",
        ] {
            assert!(check_url(local, false).is_ok(), "{local}");
        }
        assert!(matches!(
            check_url("http://10.0.0.5:8080", false),
            Err(ConfigError::PlainHttp(_))
        ));
        assert!(check_url("http://10.0.0.5:8080", true).is_ok());
        for bad in [
            "ftp://x",
            "results.example.com",
            "https://",
            "https://user:pw@host",
            "https://host:port",
            "https://ho st",
        ] {
            assert!(
                matches!(check_url(bad, true), Err(ConfigError::BadUrl(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_file_gives_what_flags_do_not_and_a_url_needs_a_token() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(resolve(&Overrides::default(), Some(dir.path())), Ok(None));
        std::fs::write(
            dir.path().join(SERVER_FILE),
            "(url: \"http://127.0.0.1:1\", token: \"from-file\", timeout_secs: 3)",
        )
        .unwrap();
        let from_file = resolve(&Overrides::default(), Some(dir.path()))
            .unwrap()
            .unwrap();
        assert_eq!(from_file.url, "http://127.0.0.1:1");
        assert_eq!(from_file.token, "from-file");
        assert_eq!(from_file.timeout, Duration::from_secs(3));
        assert!(!format!("{from_file:?}").contains("from-file"));
        let flags = Overrides {
            server: Some("https://team.example.com".into()),
            token: Some("from-flag".into()),
        };
        let mixed = resolve(&flags, Some(dir.path())).unwrap().unwrap();
        assert_eq!(
            (mixed.url.as_str(), mixed.token.as_str()),
            ("https://team.example.com", "from-flag")
        );
        let no_token = tempfile::tempdir().unwrap();
        let only_url = Overrides {
            server: Some("https://team.example.com".into()),
            token: None,
        };
        if std::env::var_os(TOKEN_ENV).is_none() {
            assert!(matches!(
                resolve(&only_url, Some(no_token.path())),
                Err(ConfigError::NoToken(_))
            ));
        }
    }

    #[test]
    fn a_broken_file_is_named_with_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SERVER_FILE);
        std::fs::write(&path, "(\n  url: \"https://x\",\n  colour: 3,\n)").unwrap();
        let err = resolve(&Overrides::default(), Some(dir.path())).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("{}:3:", path.display())),
            "{text}"
        );
        assert!(text.contains("colour"), "{text}");
    }
}
