//! Publishing and fetching the scenario library: trainer-only PUT checked
//! like `frontline check`, GET with its version as ETag and 304 when unchanged.

mod common;

use common::TestServer;
use serde_json::{Value, json};
use std::path::Path;

/// The files of a fixture folder as an upload body (paths relative to it).
fn upload(dir: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir);
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            files.push(json!({"path": name, "text": text}));
        }
    }
    assert!(!files.is_empty());
    json!({ "files": files })
}

#[test]
fn a_published_library_comes_back_with_its_version_and_304_when_unchanged() {
    let Some(s) = TestServer::start() else { return };
    let empty = s.get("/api/v1/library", &s.north, &[]);
    assert_eq!(empty.status, 200);
    assert_eq!(empty.json["files"], json!([]));

    let body = upload("tests/fixtures/good");
    let put = s.put("/api/v1/library", &s.trainer, &body);
    assert_eq!(put.status, 200, "{}", put.json);
    let version = put.json["version"].as_str().unwrap().to_string();
    assert_ne!(json!(version), empty.json["version"]);

    let got = s.get("/api/v1/library", &s.north, &[]);
    assert_eq!(got.status, 200);
    assert_eq!(got.json["version"], json!(version));
    assert_eq!(got.etag.as_deref(), Some(format!("\"{version}\"").as_str()));
    let mut sent: Vec<Value> = body["files"].as_array().unwrap().clone();
    sent.sort_by_key(|f| f["path"].as_str().unwrap().to_string());
    assert_eq!(got.json["files"], json!(sent));

    let tag = format!("\"{version}\"");
    let same = s.get("/api/v1/library", &s.north, &[("if-none-match", &tag)]);
    assert_eq!(same.status, 304);
    assert_eq!(same.json, Value::Null);
    let stale = s.get("/api/v1/library", &s.north, &[("if-none-match", "\"old\"")]);
    assert_eq!(stale.status, 200);

    // Publishing the same files again keeps the version.
    let again = s.put("/api/v1/library", &s.trainer, &body);
    assert_eq!(again.json["version"], json!(version));
}

#[test]
fn only_a_trainer_publishes_and_only_files_that_pass_check() {
    let Some(s) = TestServer::start() else { return };
    let good = upload("tests/fixtures/good");
    let a = s.put("/api/v1/library", &s.north, &good);
    assert_eq!(a.status, 403);

    let mut bad = good.clone();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bad/unknown-target.ron"),
    )
    .unwrap();
    bad["files"]
        .as_array_mut()
        .unwrap()
        .push(json!({"path": "broken/unknown-target.ron", "text": text}));
    let a = s.put("/api/v1/library", &s.trainer, &bad);
    assert_eq!(a.status, 422, "{}", a.json);
    let problems = a.json["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["field"] == "broken/unknown-target.ron:12:74"),
        "{problems:?}"
    );
    for path in ["../escape.ron", "/abs.ron", "notes.txt", ".hidden.ron"] {
        let body = json!({"files": [{"path": path, "text": "x"}]});
        let a = s.put("/api/v1/library", &s.trainer, &body);
        assert_eq!(a.status, 422, "{path}");
        assert_eq!(a.json["problems"][0]["field"], "files[0].path", "{path}");
    }
    // Nothing was published by the refused uploads.
    let got = s.get("/api/v1/library", &s.north, &[]);
    assert_eq!(got.json["files"], json!([]));
}
