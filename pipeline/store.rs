//! Files on disk: atomic writes and content hashes.

use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to a temporary file in `path`'s folder, syncs it and renames it over `path`, so a reader
/// (or a run killed half-way) sees either the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Hex SHA-256 over several files (their names are not hashed, their order is).
pub fn hash_files(paths: &[std::path::PathBuf]) -> Result<String> {
    let mut h = Sha256::new();
    for p in paths {
        let mut f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
        std::io::copy(&mut f, &mut h).map_err(|e| Error::io(p, e))?;
        h.update([0u8]);
    }
    Ok(hex(&h.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The folder inside the output folder where newsner keeps its state.
pub const STATE_DIR: &str = ".newsner";

/// Per-article results cached under a key of (content hash, model fingerprint, configuration).
///
/// Entries live in `<out>/.newsner/cache/<namespace>/<content sha256>.json`, where the namespace is a
/// hash of the model fingerprint and the configuration that affects results; a new model or setting
/// starts a new namespace.
pub struct Cache {
    dir: std::path::PathBuf,
}

impl Cache {
    /// Opens (creating) the cache namespace for this model and configuration.
    pub fn open(out: &Path, model_fingerprint: &str, config: &str) -> Result<Cache> {
        let ns = sha256_hex(format!("{model_fingerprint}\n{config}").as_bytes());
        let dir = out.join(STATE_DIR).join("cache").join(&ns[..24]);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Cache { dir })
    }

    fn path(&self, content_sha: &str) -> std::path::PathBuf {
        self.dir.join(format!("{content_sha}.json"))
    }

    /// The cached value for a content hash, if present and readable.
    pub fn get<T: serde::de::DeserializeOwned>(&self, content_sha: &str) -> Option<T> {
        let bytes = std::fs::read(self.path(content_sha)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores a value.
    pub fn put<T: serde::Serialize>(&self, content_sha: &str, value: &T) -> Result<()> {
        let path = self.path(content_sha);
        let bytes = serde_json::to_vec(value).map_err(|e| Error::Json {
            path: path.clone(),
            source: e,
        })?;
        write_atomic(&path, &bytes)
    }

    /// Deletes entries whose content is no longer in the corpus, and other namespaces.
    pub fn retain<'a>(&self, keep: impl Iterator<Item = &'a str>) -> Result<()> {
        let keep: std::collections::HashSet<String> = keep.map(|s| format!("{s}.json")).collect();
        if let Ok(rd) = std::fs::read_dir(&self.dir) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !keep.contains(&name) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        if let Some(parent) = self.dir.parent() {
            if let Ok(rd) = std::fs::read_dir(parent) {
                for e in rd.flatten() {
                    if e.path() != self.dir {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
        }
        Ok(())
    }
}

/// What the last complete run saw: article id → content hash.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// Processed articles of the run.
    pub articles: std::collections::BTreeMap<String, String>,
}

impl Manifest {
    fn path(out: &Path) -> std::path::PathBuf {
        out.join(STATE_DIR).join("manifest.json")
    }

    /// The manifest of the last complete run (empty if none).
    pub fn load(out: &Path) -> Manifest {
        std::fs::read(Manifest::path(out))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }
}

/// An exclusive lock on an output folder, held for the life of the value. The operating system releases
/// it when the process ends, however it ends, so a killed run never leaves a lock behind.
pub struct Lock {
    _file: std::fs::File,
}

impl Lock {
    fn open(out: &Path) -> Result<(std::fs::File, std::path::PathBuf)> {
        let dir = out.join(STATE_DIR);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let path = dir.join("lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        Ok((file, path))
    }

    /// Takes the lock, or fails at once if another run holds it.
    pub fn acquire(out: &Path) -> Result<Lock> {
        let (file, path) = Lock::open(out)?;
        match file.try_lock() {
            Ok(()) => Lock::finish(file, out),
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                Err(Error::Locked(format!(
                    "another newsner run ({}) is writing to {}; wait for it, or pass --wait",
                    holder.trim(),
                    out.display()
                )))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(path, e)),
        }
    }

    /// Takes the lock, waiting for another run to finish.
    pub fn wait(out: &Path) -> Result<Lock> {
        let (file, path) = Lock::open(out)?;
        file.lock().map_err(|e| Error::io(path, e))?;
        Lock::finish(file, out)
    }

    fn finish(mut file: std::fs::File, out: &Path) -> Result<Lock> {
        use std::io::Seek;
        let _ = file.set_len(0);
        let _ = file.seek(std::io::SeekFrom::Start(0));
        let _ = write!(file, "pid {}", std::process::id());
        recover(out)?;
        Ok(Lock { _file: file })
    }
}

fn commit_path(out: &Path) -> std::path::PathBuf {
    out.join(STATE_DIR).join("commit.json")
}

fn staging_path(out: &Path) -> std::path::PathBuf {
    out.join(STATE_DIR).join("staging")
}

/// Finishes or undoes a publication that a killed run left half done: if the staged set was complete
/// (the commit record exists) its files are moved into place; otherwise the staging folder is removed.
pub fn recover(out: &Path) -> Result<()> {
    let commit = commit_path(out);
    if let Ok(bytes) = std::fs::read(&commit) {
        if let Ok(record) = serde_json::from_slice::<CommitRecord>(&bytes) {
            apply(out, &record)?;
        }
    }
    let staging = staging_path(out);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    }
    Ok(())
}

#[derive(serde::Serialize, serde::Deserialize)]
struct CommitRecord {
    files: Vec<String>,
    remove: Vec<String>,
    manifest: Manifest,
}

fn apply(out: &Path, record: &CommitRecord) -> Result<()> {
    let staging = staging_path(out);
    for name in &record.files {
        let src = staging.join(name);
        let dst = out.join(name);
        if src.exists() {
            if let Some(p) = dst.parent() {
                std::fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
            }
            std::fs::rename(&src, &dst).map_err(|e| Error::io(&dst, e))?;
        }
    }
    for name in &record.remove {
        let _ = std::fs::remove_file(out.join(name));
    }
    let manifest = serde_json::to_vec_pretty(&record.manifest).map_err(|e| Error::Json {
        path: Manifest::path(out),
        source: e,
    })?;
    write_atomic(&Manifest::path(out), &manifest)?;
    let commit = commit_path(out);
    std::fs::remove_file(&commit).map_err(|e| Error::io(&commit, e))?;
    Ok(())
}

/// A hook for tests: when the environment variable `NEWSNER_TEST_CRASH_AT` names a point of
/// [`Staging::commit`] (`staged`, `committed`), the process exits there as if killed.
fn crash_point(point: &str) {
    if std::env::var("NEWSNER_TEST_CRASH_AT").is_ok_and(|p| p == point) {
        std::process::exit(137);
    }
}

/// A complete set of output files being written, published as one unit by [`Staging::commit`].
///
/// Files are written (streamed, never held whole in memory) into a staging folder inside the state
/// folder. `commit` then writes a commit record, renames the files into place and deletes the
/// records of the previous set that the new one lacks (removed articles). A run killed before the
/// commit record leaves the previous set untouched; one killed after it is completed by [`recover`]
/// when the next run takes the lock.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    names: Vec<String>,
}

impl Staging {
    /// Starts a new set for the output folder `out`, discarding any unfinished one.
    pub fn begin(out: &Path) -> Result<Staging> {
        let dir = staging_path(out);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            names: Vec::new(),
        })
    }

    /// Writes the file `name` (a path relative to the output folder) through `write`, buffered, and
    /// syncs it to disk.
    pub fn file<T>(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> Result<T>,
    ) -> Result<T> {
        let p = self.dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let f = std::fs::File::create(&p).map_err(|e| Error::io(&p, e))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        let value = write(&mut w)?;
        let f = w.into_inner().map_err(|e| Error::io(&p, e.into_error()))?;
        f.sync_all().map_err(|e| Error::io(&p, e))?;
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
        }
        Ok(value)
    }

    /// Publishes the staged files with the manifest of the articles they came from.
    pub fn commit(self, manifest: &Manifest) -> Result<()> {
        let out = &self.out;
        crash_point("staged");
        // Per-article records of the previous set that the new set does not have.
        let keep: std::collections::HashSet<&str> = self.names.iter().map(String::as_str).collect();
        let mut remove = Vec::new();
        collect_records(out, &out.join("articles"), &keep, &mut remove);
        let record = CommitRecord {
            files: self.names,
            remove,
            manifest: manifest.clone(),
        };
        let bytes = serde_json::to_vec(&record).map_err(|e| Error::Json {
            path: commit_path(out),
            source: e,
        })?;
        write_atomic(&commit_path(out), &bytes)?;
        crash_point("committed");
        apply(out, &record)?;
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(())
    }
}

fn collect_records(
    out: &Path,
    dir: &Path,
    keep: &std::collections::HashSet<&str>,
    remove: &mut Vec<String>,
) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_records(out, &p, keep, remove);
        } else if let Ok(rel) = p.strip_prefix(out) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.ends_with(".json") && !keep.contains(rel.as_str()) {
                remove.push(rel);
            }
        }
    }
}
