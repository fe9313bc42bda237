//! Writing output files safely: never over an input, atomically (temp file + rename), and never
//! over a document the user edited since vanban wrote it ([`Outputs`], [`MANIFEST`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::data::io_vi;
use crate::diag::{Diagnostic, Location};
use crate::Error;

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder, flushed, then renamed
/// over `path`. On any error no file is created and an existing `path` is left as it was.
/// Refuses to write over any of `inputs`. Creates the parent folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), Error> {
    let dir = check_target(path, inputs, Kind::Docx)?;
    replace_file(&dir, path, bytes)
}

/// What an output file holds, by the name it must end with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A document: `.docx`.
    Docx,
    /// A data file (the export to the higher level): `.yaml` or `.yml`.
    Yaml,
    /// A unit's form (`vanban form`): `.xlsx`.
    Xlsx,
    /// The PDF of a document (`--pdf`): `.pdf`.
    Pdf,
}

/// Check that `path` may be an output file at all: not one of `inputs`, not a folder, a `.docx`
/// name, no file where a folder of its path should be. Returns the folder to write into.
fn check_target(path: &Path, inputs: &[PathBuf], kind: Kind) -> Result<PathBuf, Error> {
    if let Some(input) = inputs.iter().find(|i| same_file(i, path)) {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: format!(
                "từ chối ghi: tệp kết quả trùng với tệp đầu vào {}",
                input.display()
            ),
        });
    }
    if path.is_dir() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: "không ghi được: đường dẫn kết quả là một thư mục".into(),
        });
    }
    let (names, message) = match kind {
        Kind::Docx => (
            &["docx"][..],
            "tệp kết quả phải có đuôi .docx (Word mới mở đúng)",
        ),
        Kind::Yaml => (
            &["yaml", "yml"][..],
            "tệp số liệu xuất phải có đuôi .yaml (cấp trên đọc như một báo cáo đơn vị)",
        ),
        Kind::Xlsx => (&["xlsx"][..], "biểu mẫu phải có đuôi .xlsx"),
        Kind::Pdf => (&["pdf"][..], "tệp PDF phải có đuôi .pdf"),
    };
    if !path
        .extension()
        .is_some_and(|e| names.iter().any(|n| e.eq_ignore_ascii_case(n)))
    {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: message.into(),
        });
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Some(file) = dir.ancestors().find(|a| a.is_file()) {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: format!(
                "không ghi được: `{}` là một tệp, không phải thư mục",
                file.display()
            ),
        });
    }
    Ok(dir)
}

/// Check a document's output path before any data is read (a wrong `-o` is exit 2 before any
/// warning about the data): as [`Outputs::write`] will, without writing.
pub fn check_output(path: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    check_target(path, inputs, Kind::Docx).map(|_| ())
}

/// [`check_output`] for a data file (`.yaml`): `vanban import`'s output, the export.
pub fn check_data_output(path: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    check_target(path, inputs, Kind::Yaml).map(|_| ())
}

fn io_error(e: &std::io::Error, p: &Path) -> Error {
    Error::Io {
        path: p.to_path_buf(),
        message: format!("không ghi được tệp ({})", io_vi(e)),
    }
}

/// Replace `path` (in folder `dir`, created if needed) by `bytes`: a temporary file in `dir`,
/// flushed, then renamed over `path`.
fn replace_file(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(&e, dir))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".vanban-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| io_error(&e, dir))?;
    tmp.write_all(bytes).map_err(|e| io_error(&e, path))?;
    // A temporary file is created private (0600); the document is for colleagues too: give it
    // the existing file's permissions, or the usual rw-r--r-- for a new one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| io_error(&e, path))?;
    }
    tmp.as_file().sync_all().map_err(|e| io_error(&e, path))?;
    tmp.persist(path).map_err(|e| io_error(&e.error, path))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Sổ ghi (manifest): what vanban wrote, so that a file edited since is never overwritten.
// ---------------------------------------------------------------------------------------------

/// File name of the manifest (sổ ghi) that vanban keeps in every folder it writes a document
/// into: one line per file it wrote there, with the SHA-256 of the bytes written.
pub const MANIFEST: &str = ".vanban-manifest";

const MANIFEST_HEADER: &str = "\
# vanban: các tệp vanban đã ghi vào thư mục này (mã SHA-256 của nội dung lúc ghi, lệnh, tên tệp).
# Tệp có nội dung khác mã ở đây đã được sửa sau khi tạo: vanban không ghi đè (trừ khi có --force).
# Đừng sửa tệp này bằng tay. Xóa nó thì vanban coi mọi tệp .docx ở đây là tệp của người dùng.
";

/// One file of a manifest: the hash of what vanban wrote and the command that wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// SHA-256 of the bytes written, lowercase hex.
    hash: String,
    /// The command that wrote it (`build`, `plan`, …).
    command: String,
}

/// The manifest of one folder: file name → entry, in name order (the file is deterministic).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Manifest {
    entries: std::collections::BTreeMap<String, Entry>,
}

impl Manifest {
    /// Read the manifest of `dir`; a missing one is empty, and a line that cannot be read is
    /// ignored: a file without a valid line is then treated as not written by vanban (kept).
    fn read(dir: &Path) -> Manifest {
        let mut m = Manifest::default();
        let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
            return m;
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.splitn(3, '\t');
            if let (Some(hash), Some(command), Some(name)) =
                (parts.next(), parts.next(), parts.next())
            {
                if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                    m.entries.insert(
                        name.to_string(),
                        Entry {
                            hash: hash.to_ascii_lowercase(),
                            command: command.to_string(),
                        },
                    );
                }
            }
        }
        m
    }

    fn render(&self) -> String {
        let mut s = MANIFEST_HEADER.to_string();
        for (name, e) in &self.entries {
            s.push_str(&format!("{}\t{}\t{name}\n", e.hash, e.command));
        }
        s
    }

    /// Write the manifest of `dir` atomically (temporary file, then rename); an empty manifest
    /// removes the file.
    fn save(&self, dir: &Path) -> Result<(), Error> {
        let path = dir.join(MANIFEST);
        if self.entries.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(&e, &path)),
                _ => Ok(()),
            };
        }
        replace_file(dir, &path, self.render().as_bytes())
    }
}

/// SHA-256 of `bytes`, lowercase hex.
fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The folder of `path` as a key: `output/x.docx` and `./output/x.docx` are in the same folder.
fn folder_of(path: &Path) -> PathBuf {
    let dir: PathBuf = path
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// What [`Outputs::write`] did with one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// The file was written (or already held exactly these bytes).
    Wrote,
    /// The file was not written: it was edited since vanban wrote it, or vanban did not write
    /// it. The warning names the file and says how to overwrite it (`--force`).
    Kept(Diagnostic),
}

/// A file of a manifest that the current run did not produce (tệp cũ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The file.
    pub path: PathBuf,
    /// Whether it was changed since vanban wrote it (then `--clean` keeps it).
    pub edited: bool,
}

/// The output layer: every document a command writes goes through [`Outputs::write`], which
/// decides whether the file may be written (see [`MANIFEST`]):
///
/// - a new file is written;
/// - an existing file that holds exactly what vanban last wrote there (its SHA-256 is in the
///   manifest) is replaced;
/// - an existing file that was changed since (edited in Word), or that vanban never wrote (not in
///   the manifest, e.g. the user's own file of the same name), is **kept**, with a warning,
///   unless `force`; a file that already holds exactly the new bytes is simply recorded.
///
/// Each write is atomic (temporary file, then rename); the manifests are written (atomically,
/// once per folder, not once per document: a build of a thousand units rewrites each manifest
/// once) by [`Outputs::finish`], or when the value is dropped.
#[derive(Debug)]
pub struct Outputs {
    command: &'static str,
    force: bool,
    manifests: std::collections::BTreeMap<PathBuf, Manifest>,
    /// Folders whose manifest changed since it was read or saved.
    dirty: std::collections::BTreeSet<PathBuf>,
    produced: std::collections::BTreeSet<PathBuf>,
}

impl Drop for Outputs {
    /// A command that stops on an error still records what it wrote before.
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

impl Outputs {
    /// The output layer of `command` (recorded in the manifest: `build`, `plan`, …); `force`
    /// overwrites edited files and files vanban did not write.
    pub fn new(command: &'static str, force: bool) -> Self {
        Outputs {
            command,
            force,
            manifests: Default::default(),
            dirty: Default::default(),
            produced: Default::default(),
        }
    }

    fn manifest(&mut self, dir: &Path) -> &mut Manifest {
        self.manifests
            .entry(dir.to_path_buf())
            .or_insert_with(|| Manifest::read(dir))
    }

    /// Write the document `bytes` to `path` unless the file there was edited since vanban wrote
    /// it or is not vanban's (see [`Outputs`]). Refuses to write over any of `inputs`; errors as
    /// [`write_atomic`]: nothing is created or changed on error.
    pub fn write(
        &mut self,
        path: &Path,
        bytes: &[u8],
        inputs: &[PathBuf],
    ) -> Result<Written, Error> {
        self.write_kind(path, bytes, inputs, Kind::Docx)
    }

    /// [`Outputs::write`] for a data file (`.yaml`/`.yml`: the export to the higher level),
    /// with the same rules: atomic, never over an input, never over a file edited since.
    pub fn write_data(
        &mut self,
        path: &Path,
        bytes: &[u8],
        inputs: &[PathBuf],
    ) -> Result<Written, Error> {
        self.write_kind(path, bytes, inputs, Kind::Yaml)
    }

    /// [`Outputs::write`] for a unit's form (`.xlsx`): a form the unit already filled in this
    /// folder is never overwritten (it was edited since vanban wrote it).
    pub fn write_form(
        &mut self,
        path: &Path,
        bytes: &[u8],
        inputs: &[PathBuf],
    ) -> Result<Written, Error> {
        self.write_kind(path, bytes, inputs, Kind::Xlsx)
    }

    /// [`Outputs::write`] for the PDF of a document (`--pdf`), with the same rules: a PDF
    /// changed since vanban wrote it (signed, annotated) is kept.
    pub fn write_pdf(
        &mut self,
        path: &Path,
        bytes: &[u8],
        inputs: &[PathBuf],
    ) -> Result<Written, Error> {
        self.write_kind(path, bytes, inputs, Kind::Pdf)
    }

    fn write_kind(
        &mut self,
        path: &Path,
        bytes: &[u8],
        inputs: &[PathBuf],
        kind: Kind,
    ) -> Result<Written, Error> {
        let dir = check_target(path, inputs, kind)?;
        let key = folder_of(path);
        let name = file_name(path);
        let new_hash = sha256(bytes);
        let existing = match std::fs::read(path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    message: format!("không đọc được tệp kết quả có sẵn ({})", io_vi(&e)),
                })
            }
        };
        self.produced.insert(key.join(&name).components().collect());
        let force = self.force;
        let recorded = self.manifest(&key).entries.get(&name).cloned();
        match existing {
            Some(old) if old == bytes => {}
            Some(old) if !force => {
                let old_hash = sha256(&old);
                match recorded {
                    Some(e) if e.hash == old_hash => replace_file(&dir, path, bytes)?,
                    Some(_) => return Ok(Written::Kept(kept(path, true))),
                    None => return Ok(Written::Kept(kept(path, false))),
                }
            }
            _ => replace_file(&dir, path, bytes)?,
        }
        let command = self.command.to_string();
        self.manifest(&key).entries.insert(
            name,
            Entry {
                hash: new_hash,
                command,
            },
        );
        self.dirty.insert(key);
        Ok(Written::Wrote)
    }

    /// Write the manifests changed by this run (atomically). Called by the commands when they
    /// are done, so that a manifest that cannot be written is reported.
    pub fn finish(&mut self) -> Result<(), Error> {
        while let Some(dir) = self.dirty.pop_first() {
            if let Some(m) = self.manifests.get(&dir) {
                m.save(&dir)?;
            }
        }
        Ok(())
    }

    /// The files of the manifests of `folders` written by this command in an earlier run that
    /// this run did not produce (a unit removed from the data, a renamed file), in name order.
    /// Files that no longer exist are dropped from the manifests.
    pub fn stale(&mut self, folders: &[PathBuf]) -> Result<Vec<Stale>, Error> {
        let mut out = Vec::new();
        for folder in folders {
            let key: PathBuf = folder.components().collect();
            if !key.is_dir() {
                continue;
            }
            let command = self.command;
            let produced = self.produced.clone();
            let m = self.manifest(&key);
            let before = m.entries.len();
            m.entries.retain(|name, _| key.join(name).is_file());
            let changed = m.entries.len() != before;
            for (name, e) in &m.entries {
                let path: PathBuf = key.join(name).components().collect();
                if e.command != command || produced.contains(&path) {
                    continue;
                }
                let edited = std::fs::read(&path).map_or(true, |b| sha256(&b) != e.hash);
                out.push(Stale {
                    path: key.join(name),
                    edited,
                });
            }
            if changed {
                self.dirty.insert(key);
            }
        }
        Ok(out)
    }

    /// Remove the unchanged ones among `stale` (those vanban wrote and nobody edited since) and
    /// drop them from their manifests; edited ones are left alone. Returns the removed files.
    pub fn clean(&mut self, stale: &[Stale]) -> Result<Vec<PathBuf>, Error> {
        let mut removed = Vec::new();
        for s in stale.iter().filter(|s| !s.edited) {
            let key = folder_of(&s.path);
            let name = file_name(&s.path);
            // Checked again right before removing: only what vanban wrote, byte for byte.
            let recorded = self
                .manifest(&key)
                .entries
                .get(&name)
                .map(|e| e.hash.clone());
            let now = std::fs::read(&s.path).ok().map(|b| sha256(&b));
            if recorded.is_none() || recorded != now {
                continue;
            }
            std::fs::remove_file(&s.path).map_err(|e| Error::Io {
                path: s.path.clone(),
                message: format!("không xóa được tệp cũ ({})", io_vi(&e)),
            })?;
            self.manifest(&key).entries.remove(&name);
            self.dirty.insert(key);
            removed.push(s.path.clone());
        }
        Ok(removed)
    }
}

/// The warning for a file that is kept.
fn kept(path: &Path, edited: bool) -> Diagnostic {
    let why = if edited {
        "tệp đã được sửa sau lần vanban tạo ra nó"
    } else {
        "tệp đã có sẵn và không do vanban tạo ra (không có trong sổ ghi `.vanban-manifest` của thư mục)"
    };
    Diagnostic::warning(
        Location::file(path),
        format!("KHÔNG ghi đè {}: {why}; bản cũ được giữ nguyên", path.display()),
    )
    .with_hint(
        "để giữ bản đã sửa: đổi tên hoặc chuyển tệp đó đi rồi chạy lại; để ghi đè bằng bản mới: thêm `--force`",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("c.docx");
        write_atomic(&out, b"x", &[]).unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn refuses_to_overwrite_an_input() {
        let d = tempfile::tempdir().unwrap();
        let input = d.path().join("a.docx");
        std::fs::write(&input, "x").unwrap();
        assert!(write_atomic(&input, b"y", std::slice::from_ref(&input)).is_err());
        assert_eq!(std::fs::read(&input).unwrap(), b"x");
    }

    #[test]
    fn writes_and_leaves_no_temp_file() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("sub/b.docx");
        write_atomic(&out, b"data", &[]).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"data");
        let names: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn manifest_round_trips_in_name_order_and_ignores_bad_lines() {
        let d = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        for (name, byte) in [("b.docx", b'b'), ("a b.docx", b'a')] {
            m.entries.insert(
                name.into(),
                Entry {
                    hash: sha256(&[byte]),
                    command: "build".into(),
                },
            );
        }
        m.save(d.path()).unwrap();
        let text = std::fs::read_to_string(d.path().join(MANIFEST)).unwrap();
        let rows: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].ends_with("\tbuild\ta b.docx"), "{text}");
        assert_eq!(Manifest::read(d.path()), m);
        // A damaged line is dropped: its file is then not vanban's (kept, never overwritten).
        std::fs::write(
            d.path().join(MANIFEST),
            format!("{text}xyz\tbuild\tc.docx\nchỉ một cột\n"),
        )
        .unwrap();
        assert_eq!(Manifest::read(d.path()), m);
        // An empty manifest leaves no file.
        Manifest::default().save(d.path()).unwrap();
        assert!(!d.path().join(MANIFEST).exists());
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn writes_new_replaces_own_keeps_edited_and_foreign() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("x.docx");
        let mut o = Outputs::new("plan", false);
        assert_eq!(o.write(&out, b"v1", &[]).unwrap(), Written::Wrote);
        o.finish().unwrap();
        // Unchanged since written: replaced.
        let mut o = Outputs::new("plan", false);
        assert_eq!(o.write(&out, b"v2", &[]).unwrap(), Written::Wrote);
        o.finish().unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"v2");
        // Edited: kept, with a warning naming the file.
        std::fs::write(&out, b"v2 + edit").unwrap();
        let Written::Kept(w) = Outputs::new("plan", false).write(&out, b"v3", &[]).unwrap() else {
            panic!("kept");
        };
        assert!(w.message.contains("đã được sửa"), "{w}");
        assert!(w.message.contains("x.docx"), "{w}");
        assert_eq!(std::fs::read(&out).unwrap(), b"v2 + edit");
        // Forced: written and recorded.
        let mut o = Outputs::new("plan", true);
        assert_eq!(o.write(&out, b"v3", &[]).unwrap(), Written::Wrote);
        o.finish().unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"v3");
        // The user's own file of another name in the folder: never vanban's.
        let own = d.path().join("cua-toi.docx");
        std::fs::write(&own, b"mine").unwrap();
        let r = Outputs::new("plan", false)
            .write(&own, b"new", &[])
            .unwrap();
        assert!(matches!(r, Written::Kept(w) if w.message.contains("không do vanban")));
        assert_eq!(std::fs::read(&own).unwrap(), b"mine");
        // ... unless it already holds exactly these bytes: then it is recorded.
        let r = Outputs::new("plan", false)
            .write(&own, b"mine", &[])
            .unwrap();
        assert_eq!(r, Written::Wrote);
        assert!(Manifest::read(d.path())
            .entries
            .contains_key("cua-toi.docx"));
    }

    #[test]
    fn stale_files_are_those_of_this_command_not_produced_and_clean_keeps_edits() {
        let d = tempfile::tempdir().unwrap();
        let p = |n: &str| d.path().join(n);
        let mut o = Outputs::new("build", false);
        for n in ["a.docx", "b.docx", "c.docx"] {
            o.write(&p(n), n.as_bytes(), &[]).unwrap();
        }
        o.finish().unwrap();
        Outputs::new("render", false)
            .write(&p("r.docx"), b"r", &[])
            .unwrap();
        std::fs::write(p("b.docx"), b"edited").unwrap();
        // The next build makes only a.docx.
        let mut o = Outputs::new("build", false);
        o.write(&p("a.docx"), b"a.docx", &[]).unwrap();
        let stale = o.stale(&[d.path().to_path_buf()]).unwrap();
        assert_eq!(
            stale,
            vec![
                Stale {
                    path: p("b.docx"),
                    edited: true
                },
                Stale {
                    path: p("c.docx"),
                    edited: false
                },
            ]
        );
        assert_eq!(o.clean(&stale).unwrap(), vec![p("c.docx")]);
        o.finish().unwrap();
        assert!(!p("c.docx").exists());
        assert!(p("b.docx").exists() && p("r.docx").exists());
        let m = Manifest::read(d.path());
        let names: Vec<&str> = m.entries.keys().map(String::as_str).collect();
        assert_eq!(names, ["a.docx", "b.docx", "r.docx"]);
    }
}
