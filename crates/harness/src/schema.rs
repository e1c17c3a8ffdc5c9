//! JSON Schema validation of response bodies: schema files under `schemas/`, each compiled once
//! and shared. `$ref`s may point at other files in the schemas folder and nowhere else (nothing is
//! ever fetched from the network).

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Resolves `$ref`s to files inside the schemas folder only.
struct SchemasFolderOnly {
    dir: PathBuf,
}

impl Retrieve for SchemasFolderOnly {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let url = url::Url::parse(uri.as_str())?;
        let path = url
            .to_file_path()
            .map_err(|()| format!("refusing to fetch {uri}: only files in the schemas folder"))?;
        let dir = self.dir.canonicalize()?;
        let path = path.canonicalize()?;
        if !path.starts_with(&dir) {
            return Err(format!("refusing {uri}: outside the schemas folder").into());
        }
        Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
    }
}

/// Reads and compiles one schema file of the schemas folder.
pub fn compile(schemas_dir: &Path, name: &str) -> Result<Validator, String> {
    if name.is_empty() || name.split(['/', '\\']).any(|part| part == "..") {
        return Err(format!(
            "schema `{name}` must be a file name inside the schemas folder"
        ));
    }
    let path = schemas_dir.join(name);
    let text = std::fs::read_to_string(&path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => {
            format!(
                "schema file `{name}` not found in {}",
                schemas_dir.display()
            )
        }
        _ => format!("schema file {} cannot be read: {err}", path.display()),
    })?;
    let schema: Value = serde_json::from_str(&text)
        .map_err(|err| format!("schema file {} is not JSON: {err}", path.display()))?;
    let absolute = std::path::absolute(&path).unwrap_or(path.clone());
    let base = url::Url::from_file_path(&absolute)
        .map(|u| u.to_string())
        .unwrap_or_else(|()| format!("file://{}", absolute.display()));
    jsonschema::options()
        .with_base_uri(base)
        .with_retriever(SchemasFolderOnly {
            dir: schemas_dir.to_path_buf(),
        })
        .build(&schema)
        .map_err(|err| {
            format!(
                "schema file {} is not a valid schema: {err}",
                path.display()
            )
        })
}

/// Compiled schemas by file name, each compiled at most once per run (or per scenario folder's
/// static checks, which name the same few schemas in hundreds of steps).
pub struct SchemaCache {
    dir: PathBuf,
    compiled: Mutex<HashMap<String, Arc<Validator>>>,
}

impl SchemaCache {
    pub fn new(dir: &Path) -> SchemaCache {
        SchemaCache {
            dir: dir.to_path_buf(),
            compiled: Mutex::new(HashMap::new()),
        }
    }

    /// The compiled schema for a file name.
    pub fn get(&self, name: &str) -> Result<Arc<Validator>, String> {
        let mut compiled = self
            .compiled
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(validator) = compiled.get(name) {
            return Ok(validator.clone());
        }
        let validator = Arc::new(compile(&self.dir, name)?);
        compiled.insert(name.to_owned(), validator.clone());
        Ok(validator)
    }

    /// `None` if the body validates, or the first violation as "at POINTER: problem".
    pub fn violation(&self, name: &str, body: &Value) -> Result<Option<String>, String> {
        let validator = self.get(name)?;
        Ok(validator.iter_errors(body).next().map(|err| {
            let at = err.instance_path().to_string();
            format!(
                "body does not match schema {name} at {}: {err}",
                if at.is_empty() { "/" } else { &at }
            )
        }))
    }
}
