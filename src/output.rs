//! Writing output files safely: never over an input, atomically (temp file + rename).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::data::io_vi;
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
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
    {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: "tệp kết quả phải có đuôi .docx (Word mới mở đúng)".into(),
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
    let io = |e: std::io::Error, p: &Path| Error::Io {
        path: p.to_path_buf(),
        message: format!("không ghi được tệp ({})", io_vi(&e)),
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(e, &dir))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".vanban-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| io(e, &dir))?;
    tmp.write_all(bytes).map_err(|e| io(e, path))?;
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
            .map_err(|e| io(e, path))?;
    }
    tmp.as_file().sync_all().map_err(|e| io(e, path))?;
    tmp.persist(path).map_err(|e| io(e.error, path))?;
    Ok(())
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
}
