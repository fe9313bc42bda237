//! Input paths of the command line: patterns (`vi-du/*.yaml`) expanded by vanban itself, since
//! Windows shells (and a quoted pattern anywhere) pass them unexpanded; every input file and
//! folder checked before anything is read, so that a missing path or a folder given for a file
//! is the same usage error (exit 2) for every command.

use std::path::{Path, PathBuf};

use vanban::Error;

/// Whether `arg` is a pattern: it has `*`, `?` or `[` and no file of that very name exists
/// (a file may be named `báo cáo [2025].yaml`).
fn is_pattern(arg: &Path) -> bool {
    arg.to_str()
        .is_some_and(|s| s.contains(['*', '?', '[']) && !arg.exists())
}

/// The paths matching pattern `arg`, in name order; an error when it matches nothing.
fn matches(arg: &Path, files_only: bool) -> Result<Vec<PathBuf>, Error> {
    let bad = |message: String| Error::Io {
        path: arg.to_path_buf(),
        message,
    };
    let pattern = arg.to_str().unwrap_or_default();
    let paths =
        glob::glob(pattern).map_err(|e| bad(format!("mẫu tên tệp không hợp lệ ({})", e.msg)))?;
    let mut found: Vec<PathBuf> = paths
        .filter_map(Result::ok)
        .filter(|p| !files_only || p.is_file())
        .collect();
    if found.is_empty() {
        return Err(bad(
            "không có tệp nào khớp mẫu tên này (kiểm tra thư mục và tên; `*` thay cho nhiều chữ bất kỳ)"
                .into(),
        ));
    }
    found.sort();
    Ok(found)
}

/// Expand file arguments: a pattern is matched against the files of the file system (in name
/// order); anything else is taken as written.
pub(crate) fn expand(args: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for a in args {
        if is_pattern(a) {
            out.append(&mut matches(a, true)?);
        } else {
            out.push(a.clone());
        }
    }
    Ok(distinct(out))
}

/// `paths` without a file named twice (`"vi-du/*.yaml" vi-du/cong-van.yaml`, `data data/bao-cao`):
/// the first naming is kept, so each file is read, checked and written once.
pub(crate) fn distinct(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::BTreeSet::new();
    paths
        .into_iter()
        .filter(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())))
        .collect()
}

/// One path argument that may be a pattern: it must match exactly one file or folder.
pub(crate) fn one(arg: &Path) -> Result<PathBuf, Error> {
    if !is_pattern(arg) {
        return Ok(arg.to_path_buf());
    }
    let mut found = matches(arg, false)?;
    if found.len() > 1 {
        let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::Io {
            path: arg.to_path_buf(),
            message: format!(
                "mẫu tên này khớp {} tệp ({}); ở đây cần đúng một tệp",
                found.len(),
                names.join(", ")
            ),
        });
    }
    Ok(found.remove(0))
}

/// An input file argument: expanded ([`one`]) and checked ([`check_file`]).
pub(crate) fn input_file(arg: &Path) -> Result<PathBuf, Error> {
    let p = one(arg)?;
    check_file(&p)?;
    Ok(p)
}

/// Check one Word document given to `check` or `import`: a missing file or a folder is an I/O
/// error (exit 2) with "có phải ý bạn là …?".
pub(crate) fn check_docx_file(p: &Path) -> Result<(), Error> {
    let io = |message: String| Error::Io {
        path: p.to_path_buf(),
        message,
    };
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => Err(io(
            "đây là thư mục, không phải tệp Word: đưa vào tệp .docx, hoặc mẫu tên như \"cu/*.docx\""
                .into(),
        )),
        // A pipe or a device named `x.docx` would block the read forever.
        Ok(m) if !m.is_file() => Err(io(
            "không phải tệp thường (ống dẫn, thiết bị): đưa vào một tệp .docx".into(),
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(with_suggestion(
            io(format!("không đọc được tệp Word ({})", vanban::io_vi(&e))),
            p,
        )),
    }
}

/// Check one input file before it is read, for every command: a missing file or a folder is an
/// I/O error (exit 2) — a missing file with "có phải ý bạn là …?" over the names in its folder
/// (`quyet_dinh.yaml` for `quyet-dinh.yaml`); a Word file (`.docx`/`.doc` name, or a zip
/// package, which begins with `PK`) is a usage error saying that vanban reads the `.yaml` data
/// file, not the document it made.
pub(crate) fn check_file(p: &Path) -> Result<(), Error> {
    vanban::ensure_file(p).map_err(|e| with_suggestion(e, p))?;
    let ext = p
        .extension()
        .map(|x| x.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // A unit's Excel form is a zip package too: the reader takes it (or says how to resave it).
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return Ok(());
    }
    let mut head = [0u8; 4];
    let zip = std::fs::File::open(p)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && head == *b"PK\x03\x04";
    let word_name = ext == "docx" || ext == "doc";
    if zip || word_name {
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "van-ban".into());
        return Err(Error::Io {
            path: p.to_path_buf(),
            message: format!(
                "đây là tệp Word{}, không phải tệp dữ liệu: vanban đọc tệp dữ liệu `.yaml` (tệp đã dùng để tạo văn bản{}, hoặc tệp do `vanban new` tạo) và ghi ra tệp Word",
                if word_name { "" } else { " (gói .docx/zip)" },
                if word_name { format!(", ví dụ `{stem}.yaml`") } else { String::new() }
            ) + &format!("; để kiểm tra thể thức của chính tệp Word này, dùng `vanban check {0}`; để lấy nó làm tệp dữ liệu (văn bản năm trước), dùng `vanban import {0}`", p.display()),
        });
    }
    Ok(())
}

/// A missing path's error, with "có phải ý bạn là …?" naming the closest name in its folder.
fn with_suggestion(e: Error, p: &Path) -> Error {
    match e {
        Error::Io { path, message } if !p.exists() => {
            let message = match closest_sibling(p) {
                Some(s) => match message.strip_suffix(')') {
                    Some(m) => format!("{m}; có phải ý bạn là `{s}`?)"),
                    None => format!("{message}; có phải ý bạn là `{s}`?"),
                },
                None => message,
            };
            Error::Io { path, message }
        }
        e => e,
    }
}

/// The path, in the same folder as `p`, of the entry whose name is closest to `p`'s name
/// (case, `_`/`-` and a few letters apart); none when no name is close.
fn closest_sibling(p: &Path) -> Option<String> {
    let name = p.file_name()?.to_string_lossy().to_string();
    let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
    let folder = parent.unwrap_or(Path::new("."));
    let key = |s: &str| s.to_lowercase().replace('_', "-");
    let wanted = key(&name);
    let best = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.'))
        .map(|n| (strsim::normalized_damerau_levenshtein(&wanted, &key(&n)), n))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(&a.1)))?;
    Some(match parent {
        Some(d) => d.join(best.1).display().to_string(),
        None => best.1,
    })
}

/// An input folder argument (`what` names it): expanded ([`one`]) and checked to be a folder
/// (a missing one with "có phải ý bạn là …?").
pub(crate) fn input_dir(arg: &Path, what: &str) -> Result<PathBuf, Error> {
    let p = one(arg)?;
    vanban::ensure_dir(&p, what).map_err(|e| with_suggestion(e, &p))?;
    Ok(p)
}

/// The data files of folder `dir` and its subfolders (`.yaml`, `.yml`, filled forms `.xlsx`), in name order; hidden
/// folders (`.git`) are skipped.
pub(crate) fn yaml_files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| Error::Io {
            path: d.clone(),
            message: format!("không đọc được thư mục ({})", vanban::io_vi(&e)),
        })?;
        for e in entries.filter_map(Result::ok) {
            let p = e.path();
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if p.is_dir() && !hidden {
                todo.push(p);
            } else if p.is_file()
                && (p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                    || (p
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
                        && !p
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("~$"))))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            message: "thư mục không có tệp dữ liệu .yaml nào".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_expanded_in_name_order() {
        let d = tempfile::tempdir().unwrap();
        for n in ["b.yaml", "a.yaml", "c.txt"] {
            std::fs::write(d.path().join(n), "x").unwrap();
        }
        let pat = d.path().join("*.yaml");
        let got = expand(&[pat]).unwrap();
        assert_eq!(got, vec![d.path().join("a.yaml"), d.path().join("b.yaml")]);
        assert!(one(&d.path().join("*.yaml")).is_err(), "two files for one");
        assert_eq!(one(&d.path().join("a*")).unwrap(), d.path().join("a.yaml"));
        assert!(expand(&[d.path().join("*.docx")]).is_err(), "no match");
    }

    #[test]
    fn a_missing_file_names_the_closest_one_of_its_folder() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("quyet-dinh.yaml"), "x").unwrap();
        std::fs::write(d.path().join("khac.yaml"), "x").unwrap();
        assert_eq!(
            closest_sibling(&d.path().join("quyet_dinh.yaml")),
            Some(d.path().join("quyet-dinh.yaml").display().to_string())
        );
        assert_eq!(closest_sibling(&d.path().join("bien-ban.yaml")), None);
    }

    #[test]
    fn a_file_named_like_a_pattern_is_taken_as_written() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("báo cáo [2025].yaml");
        std::fs::write(&f, "x").unwrap();
        assert_eq!(one(&f).unwrap(), f);
    }

    #[test]
    fn folders_are_walked_for_data_files() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("bao-cao")).unwrap();
        std::fs::create_dir_all(d.path().join(".git")).unwrap();
        std::fs::write(d.path().join("k.yaml"), "x").unwrap();
        std::fs::write(d.path().join("bao-cao/a.yml"), "x").unwrap();
        std::fs::write(d.path().join(".git/h.yaml"), "x").unwrap();
        std::fs::write(d.path().join("ghi-chu.txt"), "x").unwrap();
        let got = yaml_files_in(d.path()).unwrap();
        assert_eq!(
            got,
            vec![d.path().join("bao-cao/a.yml"), d.path().join("k.yaml")]
        );
    }
}
