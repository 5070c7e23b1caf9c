//! `frontline publish [PATHS...] --server URL --token T`: checks the scenario
//! files exactly as `frontline check` does and, when no file has an error,
//! uploads them all as the team server's library (a trainer token is needed).

use frontline_core::scenario::{files_to_load, load_paths};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Environment variable naming the team server when `--server` is not given.
pub const SERVER_ENV: &str = "FRONTLINE_SERVER";
/// Environment variable holding the token when `--token` is not given.
pub const TOKEN_ENV: &str = "FRONTLINE_TOKEN";

/// Arguments of `frontline publish`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Scenario files or folders (folders are searched for `*.ron`); default `dialogues/`.
    pub paths: Vec<PathBuf>,
    /// The team server, e.g. https://results.example.com (default: $FRONTLINE_SERVER).
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// A trainer token (default: $FRONTLINE_TOKEN).
    #[arg(long)]
    pub token: Option<String>,
    /// Send the token over plain HTTP to a machine other than this one.
    #[arg(long)]
    pub allow_plain_http: bool,
}

/// Runs `frontline publish`: 0 published, 1 refused (check errors or the
/// server said no), 2 bad arguments.
pub fn run(args: Args) -> ExitCode {
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let (Some(server), Some(token)) = (
        args.server.or_else(|| from_env(SERVER_ENV)),
        args.token.or_else(|| from_env(TOKEN_ENV)),
    ) else {
        eprintln!(
            "error: give the server (--server or {SERVER_ENV}) and a trainer token (--token or {TOKEN_ENV})"
        );
        return ExitCode::from(2);
    };
    if let Err(why) = transport_allowed(&server, args.allow_plain_http) {
        eprintln!("error: {why}");
        return ExitCode::from(2);
    }
    let paths = super::check::scenario_paths(args.paths);
    let mut library = load_paths(&paths);
    frontline_core::selftest::check_library(&mut library);
    let color = std::io::stdout().is_terminal();
    for file in &library.files {
        print!("{}", file.render_human(color));
    }
    if !library.is_ok() {
        println!(
            "not published: {} errors (fix them; `frontline check` shows the same)",
            library.error_count()
        );
        return ExitCode::from(1);
    }
    let files = match upload_files(&paths) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    upload(&server, &token, &files)
}

/// Refuses plain HTTP to anything but this machine unless allowed.
fn transport_allowed(server: &str, allow_plain_http: bool) -> Result<(), String> {
    let Some(rest) = server.strip_prefix("http://") else {
        return if server.starts_with("https://") {
            Ok(())
        } else {
            Err(format!("`{server}` is not an http:// or https:// URL"))
        };
    };
    let host = rest.split('/').next().unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    if loopback || allow_plain_http {
        Ok(())
    } else {
        Err(format!(
            "`{server}` is plain HTTP to another machine: the token would cross the network \
             unencrypted. Use https://, or pass --allow-plain-http on a trusted network."
        ))
    }
}

/// `{"path", "text"}` for every file `check` read: paths relative to the
/// folder named (a file named alone keeps only its name), with `/`.
pub(super) fn upload_files(paths: &[PathBuf]) -> std::io::Result<Vec<serde_json::Value>> {
    let mut out = Vec::new();
    for root in paths {
        let (files, _) = files_to_load(std::slice::from_ref(root));
        for file in files {
            let relative = if root.is_dir() {
                file.strip_prefix(root).unwrap_or(&file).to_path_buf()
            } else {
                PathBuf::from(file.file_name().unwrap_or(file.as_os_str()))
            };
            let text = std::fs::read_to_string(&file)?;
            out.push(serde_json::json!({ "path": slashed(&relative), "text": text }));
        }
    }
    Ok(out)
}

fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

fn upload(server: &str, token: &str, files: &[serde_json::Value]) -> ExitCode {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = format!("{}/api/v1/library", server.trim_end_matches('/'));
    let body = serde_json::json!({ "files": files });
    let sent = agent
        .put(&url)
        .header("authorization", format!("Bearer {token}"))
        .send_json(&body);
    let mut response = match sent {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot reach {server}: {e}");
            return ExitCode::from(1);
        }
    };
    let status = response.status().as_u16();
    let answer: serde_json::Value = response.body_mut().read_json().unwrap_or_default();
    if status == 200 {
        let version = answer["version"].as_str().unwrap_or("?");
        println!(
            "published {} files to {server} (version {version})",
            files.len()
        );
        return ExitCode::SUCCESS;
    }
    let message = answer["message"].as_str().unwrap_or("no message");
    eprintln!("error: the server refused the library ({status}): {message}");
    for p in answer["problems"].as_array().into_iter().flatten() {
        eprintln!(
            "  {}: {}",
            p["field"].as_str().unwrap_or("?"),
            p["message"].as_str().unwrap_or("?")
        );
    }
    ExitCode::from(1)
}

#[cfg(test)]
mod tests {
    use super::transport_allowed;

    #[test]
    fn tokens_go_over_plain_http_only_to_this_machine_unless_allowed() {
        assert!(transport_allowed("https://results.example.com", false).is_ok());
        assert!(transport_allowed("http://127.0.0.1:8080", false).is_ok());
        assert!(transport_allowed("http://localhost:8080/", false).is_ok());
        assert!(transport_allowed("http://[::1]:8080", false).is_ok());
        assert!(transport_allowed("http://10.0.0.5:8080", false).is_err());
        assert!(transport_allowed("http://127.0.0.1.evil.com", false).is_err());
        assert!(transport_allowed("http://10.0.0.5:8080", true).is_ok());
        assert!(transport_allowed("ftp://x", true).is_err());
    }
}
