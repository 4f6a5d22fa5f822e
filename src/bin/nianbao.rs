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
            /// 报告文件（.txt、.md、.html、.docx、.doc、.wps；"-" 为标准输入）
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
        /// One row per report (文件, 机关, 年度, 格式, 错误, 警告, 提示, 主要问题), CSV for Excel/WPS.
        Overview,
    }

    /// Why the command line stops with status 2. Each names the file and the reason in Chinese.
    #[derive(Debug)]
    enum CliError {
        /// A usage error clap does not catch (an unknown rule code).
        Usage(String),
        /// An input (a report, `--previous`, or standard input) that cannot be read.
        Read {
            path: String,
            source: std::io::Error,
        },
        /// The output (a file or standard output) that cannot be written.
        Write {
            target: String,
            source: std::io::Error,
        },
    }

    impl std::fmt::Display for CliError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                CliError::Usage(msg) => f.write_str(msg),
                CliError::Read { path, source } if path == "-" => {
                    write!(f, "读取标准输入失败：{}", io_reason(source))
                }
                CliError::Read { path, source } => {
                    write!(f, "无法读取 {path}：{}", io_reason(source))
                }
                CliError::Write { target, source } => {
                    write!(f, "无法写入 {target}：{}", io_reason(source))
                }
            }
        }
    }

    impl CliError {
        /// A closed pipe (`nianbao check … | head`) is not a failure: stop quietly.
        fn is_broken_pipe(&self) -> bool {
            matches!(self, CliError::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
        }
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
                    Err(e) if e.is_broken_pipe() => 0,
                    Err(e) => {
                        eprintln!("nianbao: {e}");
                        2
                    }
                }
            }
        }
    }

    /// Reads at most one byte more than the input cap from a file, a device or standard input, so
    /// that `/dev/zero` or a huge stream is refused (P001) without being read whole.
    fn read_input(path: &str) -> Result<Vec<u8>, CliError> {
        let limit = nianbao::source::MAX_INPUT_BYTES as u64 + 1;
        let err = |source| CliError::Read {
            path: path.to_owned(),
            source,
        };
        let mut buf = Vec::new();
        if path == "-" {
            std::io::stdin()
                .lock()
                .take(limit)
                .read_to_end(&mut buf)
                .map_err(err)?;
        } else {
            let file = std::fs::File::open(path).map_err(err)?;
            file.take(limit).read_to_end(&mut buf).map_err(err)?;
        }
        Ok(buf)
    }

    fn io_reason(e: &std::io::Error) -> String {
        match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".into(),
            std::io::ErrorKind::PermissionDenied => "没有权限".into(),
            std::io::ErrorKind::IsADirectory => "这是一个目录".into(),
            _ => e.to_string(),
        }
    }

    /// What one input contributes to the output, rendered by the worker that checked it.
    struct Piece {
        text: String,
        /// The result for `--format html`, which needs every report before writing.
        html: Option<serde_json::Value>,
        has_error: bool,
    }

    fn render_piece(
        file: &str,
        outcome: &Outcome,
        format: Format,
        color: bool,
        checked_at: Option<&str>,
    ) -> Piece {
        let named = Named { file, outcome };
        let text = match format {
            Format::Text => render::text::render(&named, color),
            Format::Json => indent(
                &serde_json::to_string_pretty(&render::json::entry(&named)).unwrap_or_default(),
                "    ",
            ),
            Format::Csv => {
                render::csv::render_at(std::slice::from_ref(&named), &|_, _| None, checked_at)
            }
            Format::Overview => {
                render::overview::csv(&render::overview::rows_of(std::slice::from_ref(&named)))
            }
            Format::Html => String::new(),
        };
        Piece {
            text,
            html: (format == Format::Html).then(|| render::html::result(&named)),
            has_error: outcome
                .diagnostics
                .iter()
                .any(|d| d.severity == nianbao::diagnostic::Severity::Error),
        }
    }

    /// Pretty JSON of one report placed inside `reports` (its strings hold no raw newline).
    fn indent(json: &str, pad: &str) -> String {
        let mut out = String::with_capacity(json.len() + json.len() / 8);
        for (i, line) in json.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(pad);
            out.push_str(line);
        }
        out
    }

    /// Writes each report's output in argument order as soon as it and those before it are done.
    struct Writer<'a> {
        out: Box<dyn Write + 'a>,
        target: String,
        format: Format,
        checked_at: Option<String>,
        written: usize,
        html: Vec<serde_json::Value>,
    }

    impl Writer<'_> {
        fn put(&mut self, s: &str) -> Result<(), CliError> {
            self.out
                .write_all(s.as_bytes())
                .map_err(|source| CliError::Write {
                    target: self.target.clone(),
                    source,
                })
        }

        fn flush(&mut self) -> Result<(), CliError> {
            self.out.flush().map_err(|source| CliError::Write {
                target: self.target.clone(),
                source,
            })
        }

        fn begin(&mut self) -> Result<(), CliError> {
            if self.format == Format::Json {
                let head = serde_json::to_string_pretty(&render::json::tool()).unwrap_or_default();
                let at = serde_json::to_string(&self.checked_at).unwrap_or_default();
                self.put(&format!(
                    "{{\n  \"tool\": {},\n  \"checked_at\": {at},\n  \"reports\": [",
                    indent(&head, "  ").trim_start()
                ))?;
            }
            Ok(())
        }

        fn piece(&mut self, p: Piece) -> Result<(), CliError> {
            match self.format {
                Format::Text if self.written > 0 => self.put(&format!("\n{}", p.text))?,
                Format::Json => {
                    let sep = if self.written > 0 { ",\n" } else { "\n" };
                    self.put(&format!("{sep}{}", p.text))?;
                }
                // Every report's CSV opens with the BOM and the header: keep the first only.
                Format::Csv | Format::Overview if self.written > 0 => {
                    let body = p.text.split_once('\n').map_or("", |(_, rest)| rest);
                    self.put(body)?;
                }
                Format::Html => self.html.extend(p.html),
                _ => self.put(&p.text)?,
            }
            self.written += 1;
            self.flush()
        }

        fn end(&mut self) -> Result<(), CliError> {
            match self.format {
                Format::Json if self.written > 0 => self.put("\n  ]\n}\n")?,
                Format::Json => self.put("]\n}\n")?,
                Format::Html => {
                    let page = render::html::standalone(&self.html);
                    self.put(&page)?;
                }
                _ => {}
            }
            self.flush()
        }
    }

    fn run_check(
        files: &[String],
        format: Format,
        previous: Option<&str>,
        ignore: Vec<String>,
        output: Option<&str>,
    ) -> Result<i32, CliError> {
        if let Some(bad) = ignore.iter().find(|c| nianbao::rules::rule(c).is_none()) {
            return Err(CliError::Usage(format!(
                "--ignore 中的规则代码 {bad} 不存在（nianbao rules 列出全部规则）"
            )));
        }
        let previous = previous.map(read_input).transpose()?;
        // A missing or unreadable file is a usage error (exit 2) before anything is checked.
        for f in files.iter().filter(|f| f.as_str() != "-") {
            std::fs::File::open(f).map_err(|source| CliError::Read {
                path: f.clone(),
                source,
            })?;
        }
        let out: Box<dyn Write> = match output {
            Some(path) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(path).map_err(|source| CliError::Write {
                    target: path.to_owned(),
                    source,
                })?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        let color = output.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none();
        let options = Options { previous, ignore };
        // One time for the whole run: every report of the output says the same.
        let checked_at = nianbao::clock::now();
        let mut writer = Writer {
            out,
            target: output.unwrap_or("标准输出").to_owned(),
            format,
            checked_at: checked_at.clone(),
            written: 0,
            html: Vec::new(),
        };
        writer.begin()?;

        // Workers read, check and render in parallel; this thread writes in argument order.
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Result<Piece, CliError>)>();
        let mut any_error = false;
        let mut failure: Option<CliError> = None;
        std::thread::scope(|scope| {
            let options = &options;
            let checked_at = checked_at.as_deref();
            scope.spawn(move || {
                files
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, f)| {
                        let name = if f == "-" { "<stdin>" } else { f.as_str() };
                        let piece = read_input(f).map(|bytes| {
                            render_piece(name, &check(&bytes, options), format, color, checked_at)
                        });
                        let _ = tx.send((i, piece));
                    });
            });
            let mut pending = std::collections::BTreeMap::new();
            let mut next = 0;
            for (i, piece) in rx {
                pending.insert(i, piece);
                while let Some(piece) = pending.remove(&next) {
                    next += 1;
                    if failure.is_some() {
                        continue; // drain the workers; the first failure is reported
                    }
                    let written = piece.and_then(|p| {
                        any_error |= p.has_error;
                        writer.piece(p)
                    });
                    if let Err(e) = written {
                        failure = Some(e);
                    }
                }
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        writer.end()?;
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
                        r.summary()
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
                        r.summary(),
                        r.doc()
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
