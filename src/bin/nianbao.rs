//! The `nianbao` command line (output.md): `nianbao check FILE...` and `nianbao rules [CODE]`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main());
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand, ValueEnum};
    use nianbao::render::{self, Named};
    use nianbao::{check, Options, Outcome};
    use rayon::prelude::*;
    use std::io::{IsTerminal, Read, Write};

    #[derive(Parser)]
    #[command(
        name = "nianbao",
        version,
        about = "年报校验：检查政府信息公开工作年度报告的格式、勾稽关系和文字与表格的一致性"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// 检查一个或多个报告（"-" 表示标准输入）
        Check {
            /// 报告文件（.txt、.md、.html、.docx；"-" 为标准输入）
            #[arg(required = true)]
            files: Vec<String>,
            /// 输出格式
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
            /// 同一机关上一年度的报告，用于跨年度检查（X 规则）
            #[arg(long, value_name = "FILE")]
            previous: Option<String>,
            /// 忽略这些规则，逗号分隔，如 K002,S003
            #[arg(long, value_name = "CODE[,CODE...]", value_delimiter = ',')]
            ignore: Vec<String>,
            /// 写入文件而不是标准输出
            #[arg(long, value_name = "FILE")]
            output: Option<String>,
        },
        /// 列出全部规则，或说明某条规则
        Rules {
            /// 规则代码，如 T301
            code: Option<String>,
        },
    }

    #[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
    enum Format {
        Text,
        Json,
        Csv,
        Html,
    }

    pub fn main() -> i32 {
        let cli = match Cli::try_parse() {
            Ok(c) => c,
            Err(e) => {
                let _ = e.print();
                return if e.use_stderr() { 2 } else { 0 };
            }
        };
        match cli.command {
            Command::Rules { code } => rules(code.as_deref()),
            Command::Check {
                files,
                format,
                previous,
                ignore,
                output,
            } => {
                match run_check(
                    &files,
                    format,
                    previous.as_deref(),
                    ignore,
                    output.as_deref(),
                ) {
                    Ok(code) => code,
                    Err(msg) => {
                        eprintln!("nianbao: {msg}");
                        2
                    }
                }
            }
        }
    }

    /// Reads a file, standard input or a device, but never more than the input cap and one
    /// byte: whatever is larger (`/dev/zero`, a 2 GB pipe) is refused by `check` as too large
    /// without being held in memory.
    fn read_input(path: &str) -> Result<Vec<u8>, String> {
        let limit = nianbao::source::MAX_INPUT_BYTES as u64 + 1;
        let mut buf = Vec::new();
        if path == "-" {
            std::io::stdin()
                .lock()
                .take(limit)
                .read_to_end(&mut buf)
                .map_err(|e| format!("读取标准输入失败：{e}"))?;
        } else {
            let fail = |e: std::io::Error| format!("无法读取 {path}：{}", io_reason(&e));
            let file = std::fs::File::open(path).map_err(fail)?;
            file.take(limit).read_to_end(&mut buf).map_err(fail)?;
        }
        Ok(buf)
    }

    fn io_reason(e: &std::io::Error) -> String {
        match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".into(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".into(),
            _ => e.to_string(),
        }
    }

    fn run_check(
        files: &[String],
        format: Format,
        previous: Option<&str>,
        ignore: Vec<String>,
        output: Option<&str>,
    ) -> Result<i32, String> {
        if let Some(bad) = ignore.iter().find(|c| nianbao::rules::rule(c).is_none()) {
            return Err(format!(
                "--ignore 中的规则代码 {bad} 不存在（nianbao rules 列出全部规则）"
            ));
        }
        let previous = previous.map(read_input).transpose()?;
        // Read every file first: a missing file is a usage error (exit 2) before any checking.
        let inputs: Vec<Vec<u8>> = files
            .iter()
            .map(|f| read_input(f))
            .collect::<Result<_, _>>()?;
        let options = Options { previous, ignore };
        let outcomes: Vec<Outcome> = inputs
            .par_iter()
            .map(|bytes| check(bytes, &options))
            .collect();
        let names: Vec<&str> = files
            .iter()
            .map(|f| if f == "-" { "<stdin>" } else { f.as_str() })
            .collect();
        let named: Vec<Named> = names
            .iter()
            .zip(&outcomes)
            .map(|(file, outcome)| Named { file, outcome })
            .collect();
        let color = output.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none();
        let text = match format {
            Format::Text => named
                .iter()
                .map(|n| render::text::render(n, color))
                .collect::<Vec<_>>()
                .join("\n"),
            Format::Json => {
                let mut s = serde_json::to_string_pretty(&render::json::document(&named))
                    .map_err(|e| e.to_string())?;
                s.push('\n');
                s
            }
            Format::Csv => render::csv::render(&named, &|_, _| None),
            Format::Html => render::html::standalone(
                &named.iter().map(render::html::result).collect::<Vec<_>>(),
            ),
        };
        match output {
            Some(path) => std::fs::write(path, text)
                .map_err(|e| format!("无法写入 {path}：{}", io_reason(&e)))?,
            None => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes());
            }
        }
        let any_error = outcomes.iter().any(|o| {
            o.diagnostics
                .iter()
                .any(|d| d.severity == nianbao::diagnostic::Severity::Error)
        });
        Ok(i32::from(any_error))
    }

    fn rules(code: Option<&str>) -> i32 {
        use nianbao::rules::{rule, RULES};
        match code {
            None => {
                for r in RULES {
                    println!(
                        "{}  {:<28} {:<4}  {}",
                        r.code,
                        r.name,
                        r.severity.label(),
                        r.summary
                    );
                }
                0
            }
            Some(c) => match rule(c) {
                Some(r) => {
                    println!(
                        "{} {}（{}）\n\n{}\n\n{}",
                        r.code,
                        r.name,
                        r.severity.label(),
                        r.summary,
                        r.doc
                    );
                    0
                }
                None => {
                    eprintln!("nianbao: 没有规则 {c}（nianbao rules 列出全部规则）");
                    2
                }
            },
        }
    }
}
