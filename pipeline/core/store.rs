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
    // tempfile names the temporary file and removes it if anything below fails.
    let result = (|| -> std::io::Result<()> {
        let mut f = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)?;
        f.write_all(bytes)?;
        f.as_file().sync_all()?;
        f.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    result.map_err(|e| Error::io(path, e))
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
    namespace: String,
}

/// A cache entry: the value with what it was made from, checked on every read.
#[derive(serde::Serialize, serde::Deserialize)]
struct CacheEntry<T> {
    /// SHA-256 of the article's bytes.
    content: String,
    /// Hash of the model fingerprint and the configuration.
    namespace: String,
    value: T,
}

impl Cache {
    /// Opens (creating) the cache namespace for this model and configuration.
    pub fn open(out: &Path, model_fingerprint: &str, config: &str) -> Result<Cache> {
        let ns = sha256_hex(format!("{model_fingerprint}\n{config}").as_bytes());
        let dir = out.join(STATE_DIR).join("cache").join(&ns[..24]);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Cache { dir, namespace: ns })
    }

    fn path(&self, content_sha: &str) -> std::path::PathBuf {
        self.dir.join(format!("{content_sha}.json"))
    }

    /// The cached value for a content hash, if present, readable and made from that content with this
    /// model and configuration (an entry copied from another article or namespace is a miss).
    pub fn get<T: serde::de::DeserializeOwned>(&self, content_sha: &str) -> Option<T> {
        let bytes = std::fs::read(self.path(content_sha)).ok()?;
        let entry: CacheEntry<T> = serde_json::from_slice(&bytes).ok()?;
        (entry.content == content_sha && entry.namespace == self.namespace).then_some(entry.value)
    }

    /// Stores a value.
    pub fn put<T: serde::Serialize>(&self, content_sha: &str, value: &T) -> Result<()> {
        let path = self.path(content_sha);
        let entry = CacheEntry {
            content: content_sha.to_string(),
            namespace: self.namespace.clone(),
            value,
        };
        let bytes = serde_json::to_vec(&entry).map_err(|e| Error::Json {
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

/// The manifest's name inside a published set.
const MANIFEST: &str = ".manifest.json";

impl Manifest {
    /// Where the version before output sets kept it.
    fn legacy_path(out: &Path) -> PathBuf {
        out.join(STATE_DIR).join("manifest.json")
    }

    /// The manifest of the published set (empty if none).
    pub fn load(out: &Path) -> Manifest {
        [out.join(CURRENT).join(MANIFEST), Manifest::legacy_path(out)]
            .iter()
            .find_map(|p| std::fs::read(p).ok())
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
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked(format!(
                "another newsner run ({}) is writing to {}; wait for it, or pass --wait",
                Lock::holder(out),
                out.display()
            ))),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(path, e)),
        }
    }

    /// Takes the lock, waiting for another run to finish; `waiting` is told once if it has to wait.
    pub fn wait(out: &Path, waiting: impl FnOnce(&str)) -> Result<Lock> {
        let (file, path) = Lock::open(out)?;
        match file.try_lock() {
            Ok(()) => return Lock::finish(file, out),
            Err(std::fs::TryLockError::WouldBlock) => waiting(&Lock::holder(out)),
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
        }
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

    /// Who holds the lock, as far as the lock file says: its pid when that process is alive.
    pub fn holder(out: &Path) -> String {
        let text = std::fs::read_to_string(out.join(STATE_DIR).join("lock")).unwrap_or_default();
        let pid = text
            .trim()
            .strip_prefix("pid ")
            .and_then(|p| p.parse::<u32>().ok());
        match pid {
            Some(pid) if Path::new(&format!("/proc/{pid}")).exists() => format!("pid {pid}"),
            _ => "a process that has not recorded its pid yet".to_string(),
        }
    }
}

/// The link, inside the output folder, to the published set.
pub const CURRENT: &str = "current";

/// Where the sets live, under the state folder.
const SETS: &str = "sets";

/// A hook for tests: when the environment variable `NEWSNER_TEST_CRASH_AT` names a point of
/// [`Staging::commit`] (`staged`, `committed`), the process exits there as if killed.
fn crash_point(point: &str) {
    if std::env::var("NEWSNER_TEST_CRASH_AT").is_ok_and(|p| p == point) {
        std::process::exit(137);
    }
}

fn sets_dir(out: &Path) -> PathBuf {
    out.join(STATE_DIR).join(SETS)
}

/// The number of the published set, from the `current` link.
fn current_set(out: &Path) -> Option<u64> {
    let target = std::fs::read_link(out.join(CURRENT)).ok()?;
    set_number(target.file_name()?.to_str()?)
}

fn set_number(name: &str) -> Option<u64> {
    name.strip_prefix("set-")?.parse().ok()
}

/// Undoes what a killed run left: sets that were never published (newer than the current one) and
/// sets older than the one before it; the files of the version before output sets are moved away.
pub fn recover(out: &Path) -> Result<()> {
    let legacy_staging = out.join(STATE_DIR).join("staging");
    if legacy_staging.exists() {
        std::fs::remove_dir_all(&legacy_staging).map_err(|e| Error::io(&legacy_staging, e))?;
    }
    let _ = std::fs::remove_file(out.join(STATE_DIR).join("commit.json"));
    prune(out, current_set(out))
}

/// Keeps the current set and the one before it (a reader that resolved `current` just before the
/// switch still finds its files); removes the others.
fn prune(out: &Path, current: Option<u64>) -> Result<()> {
    let dir = sets_dir(out);
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    let mut numbers: Vec<(u64, PathBuf)> = rd
        .flatten()
        .filter_map(|e| Some((set_number(e.file_name().to_str()?)?, e.path())))
        .collect();
    numbers.sort();
    let previous = numbers
        .iter()
        .map(|(n, _)| *n)
        .filter(|&n| Some(n) < current && current.is_some())
        .max();
    for (n, path) in numbers {
        if Some(n) != current && Some(n) != previous {
            std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// A complete set of output files being written, published as one unit by [`Staging::commit`].
///
/// Each run writes its whole output (tables, records, `run.json`, the manifest) into a new folder
/// `<out>/.newsner/sets/set-<n>`, streamed and synced to disk. `commit` then publishes it in one step:
/// the link `<out>/current` is replaced (a rename, atomic on POSIX file systems) to point at the new
/// set. The names readers use — `<out>/people.csv`, `<out>/articles/` … — are links through `current`,
/// so each of them switches in that same step. A reader that wants a consistent set across several
/// files resolves `current` once (`readlink`) and reads from there. A run killed before the switch
/// leaves the previous set published; its unfinished set is removed by the next run.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    number: u64,
    names: Vec<String>,
}

impl Staging {
    /// Starts a new set for the output folder `out`.
    pub fn begin(out: &Path) -> Result<Staging> {
        let sets = sets_dir(out);
        std::fs::create_dir_all(&sets).map_err(|e| Error::io(&sets, e))?;
        let newest = std::fs::read_dir(&sets)
            .map_err(|e| Error::io(&sets, e))?
            .flatten()
            .filter_map(|e| set_number(e.file_name().to_str()?))
            .max()
            .unwrap_or(0);
        let number = newest + 1;
        let dir = sets.join(format!("set-{number}"));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            number,
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

    /// Publishes the set with the manifest of the articles it came from. Returns warnings about
    /// names in the output folder that belong to the user and were left alone.
    pub fn commit(mut self, manifest: &Manifest) -> Result<Vec<String>> {
        let bytes = serde_json::to_vec_pretty(manifest).map_err(|e| Error::Json {
            path: self.dir.join(MANIFEST),
            source: e,
        })?;
        self.file(MANIFEST, |w| {
            w.write_all(&bytes).map_err(|e| Error::io(MANIFEST, e))
        })?;
        sync_dir(&self.dir)?;
        crash_point("staged");
        let out = self.out.clone();
        let target = Path::new(STATE_DIR)
            .join(SETS)
            .join(format!("set-{}", self.number));
        replace_link(&out, CURRENT, &target)?;
        sync_dir(&out)?;
        crash_point("committed");
        let top: Vec<String> = self
            .names
            .iter()
            .filter(|n| n.as_str() != MANIFEST)
            .map(|n| n.split('/').next().unwrap_or(n).to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let warnings = link_names(&out, &top)?;
        let _ = std::fs::remove_file(Manifest::legacy_path(&out));
        prune(&out, Some(self.number))?;
        Ok(warnings)
    }
}

fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(dir, e))
}

/// Points `<out>/<name>` at `target` in one step: a new link under a temporary name, renamed over it.
fn replace_link(out: &Path, name: &str, target: &Path) -> Result<()> {
    let tmp = out.join(format!(".{name}.{}.link", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(target, &tmp).map_err(|e| Error::io(&tmp, e))?;
    let dst = out.join(name);
    std::fs::rename(&tmp, &dst).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(&dst, e)
    })
}

/// The top-level names of the output folder (`people.csv`, `articles` …) as links through `current`.
/// A name that is a link through `current` and that the new set lacks (`review.csv` of an earlier
/// `--review` run) is removed. A real file or folder under one of these names is the user's unless
/// the version before output sets wrote it (its manifest is still there): the user's are left alone,
/// with a warning; the old version's files are replaced.
fn link_names(out: &Path, names: &[String]) -> Result<Vec<String>> {
    let legacy = Manifest::legacy_path(out).exists().then(|| {
        serde_json::from_slice::<Manifest>(
            &std::fs::read(Manifest::legacy_path(out)).unwrap_or_default(),
        )
        .unwrap_or_default()
    });
    let mut warnings = Vec::new();
    for name in names {
        let path = out.join(name);
        let target = Path::new(CURRENT).join(name);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                if std::fs::read_link(&path).ok().as_deref() != Some(target.as_path()) {
                    replace_link(out, name, &target)?;
                }
            }
            Ok(m) if m.is_dir() && legacy.is_some() => {
                remove_legacy_records(&path, legacy.as_ref().map(|l| &l.articles));
                if std::fs::remove_dir(&path).is_ok() {
                    replace_link(out, name, &target)?;
                } else {
                    warnings.push(user_name(out, name));
                }
            }
            Ok(m) if !m.is_dir() && legacy.is_some() => replace_link(out, name, &target)?,
            Ok(_) => warnings.push(user_name(out, name)),
            Err(_) => replace_link(out, name, &target)?,
        }
    }
    // Links to files the new set does not have.
    for e in std::fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        let through_current = std::fs::read_link(e.path())
            .is_ok_and(|t| t.starts_with(CURRENT) && t != Path::new(CURRENT));
        if through_current && !names.contains(&name) {
            std::fs::remove_file(e.path()).map_err(|err| Error::io(e.path(), err))?;
        }
    }
    Ok(warnings)
}

fn user_name(out: &Path, name: &str) -> String {
    format!(
        "{} is not newsner's and was left as it is; this run's {name} is {}",
        out.join(name).display(),
        out.join(CURRENT).join(name).display()
    )
}

/// Removes the records the version before output sets wrote under `articles/` (one per article of its
/// manifest) and the folders they leave empty; anything else there is the user's.
fn remove_legacy_records(
    dir: &Path,
    articles: Option<&std::collections::BTreeMap<String, String>>,
) {
    for id in articles.into_iter().flat_map(|a| a.keys()) {
        let record = dir.join(format!("{id}.json"));
        let _ = std::fs::remove_file(&record);
        let mut parent = record.parent();
        while let Some(p) = parent.filter(|p| *p != dir) {
            if std::fs::remove_dir(p).is_err() {
                break;
            }
            parent = p.parent();
        }
    }
}
