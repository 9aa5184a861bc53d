//! `yusuan inspect text|fonts FILE.pdf`: look inside a PDF's text layer.

use crate::sources::pdf;
use crate::{Error, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    #[command(subcommand)]
    pub what: InspectWhat,
}

#[derive(Debug, clap::Subcommand)]
pub enum InspectWhat {
    /// Each page's text in reading order, pages separated by form feeds.
    Text { file: PathBuf },
    /// Each font: type, encoding, and how its glyphs were decoded.
    Fonts { file: PathBuf },
    /// The page model (glyphs, ruling lines, sizes) as JSON, for debugging.
    Json { file: PathBuf },
}

/// Runs the command; warnings (undecoded glyphs, pages without text) go
/// to stderr and do not change the exit code 0.
pub fn run(args: &InspectArgs) -> Result<i32> {
    let file = match &args.what {
        InspectWhat::Text { file } | InspectWhat::Fonts { file } | InspectWhat::Json { file } => {
            file
        }
    };
    let bytes = std::fs::read(file).map_err(|source| Error::Io {
        path: file.clone(),
        source,
    })?;
    let doc = pdf::open(file, &bytes)?;
    let text = match &args.what {
        InspectWhat::Text { .. } => pdf::text::document_text(&doc.pages),
        InspectWhat::Fonts { .. } => fonts_table(&doc.fonts),
        InspectWhat::Json { .. } => serde_json::to_string(&doc.pages).unwrap_or_default() + "\n",
    };
    super::write_stdout(&text)?;
    for w in &doc.warnings {
        eprintln!("{w}");
    }
    Ok(super::EXIT_OK)
}

fn fonts_table(fonts: &[pdf::FontInfo]) -> String {
    let mut s = String::from("resource\tbase font\ttype\tencoding\tembedded\tToUnicode\tordering\tdecoded by\tundecoded\n");
    for f in fonts {
        let by: Vec<String> = f
            .decoded_by
            .iter()
            .map(|(k, n)| format!("{k} ({n})"))
            .collect();
        s.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            f.resource,
            f.base_font,
            f.subtype,
            f.encoding,
            if f.embedded { "yes" } else { "no" },
            f.to_unicode,
            f.ordering.as_deref().unwrap_or("-"),
            if by.is_empty() {
                "-".to_string()
            } else {
                by.join(", ")
            },
            f.undecoded
        ));
    }
    s
}
