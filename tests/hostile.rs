//! Hostile workspaces for `corroborate check`: the real binary on a temporary folder full
//! of files no one should write but someone will (random bytes, UTF-16, BOMs, a 5 MB word,
//! a 200,000-digit number, 50,000 quote marks, links out of the folder, oversized files,
//! invalid UTF-8). Every run must end in bounded time with exit code 0 or 1, no panic, and
//! a warning or problem naming each file it could not read normally.
//!
//! Each case is a table row: the files to write, then what stderr / the JSON report must
//! say about them. Regression tests for crashes found by fuzzing live at the end.

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A generous bound for one `check` run: a debug build on 2 cores shared with other jobs
/// analyses the 5 MB word in 15–50 s. A hang or a quadratic blow-up still trips it.
const TIMEOUT: Duration = Duration::from_secs(120);

/// What one run of the binary produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Run `corroborate check --format json <dir>` in `dir`, killing it after [`TIMEOUT`].
fn check_json(dir: &Path) -> Run {
    run_binary(dir, &["check", "--format", "json", "."])
}

fn run_binary(dir: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn corroborate");
    let out = drain(child.stdout.take().expect("stdout"));
    let err = drain(child.stderr.take().expect("stderr"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "corroborate {args:?} in {} took over {TIMEOUT:?}",
                dir.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
        elapsed: start.elapsed(),
    }
}

/// Read a pipe to the end on its own thread so a chatty child never blocks.
fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// Tiny deterministic generator (xorshift64*), so hostile bytes are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// An invented, ordinary article, used next to the hostile files so the run has real work.
const ORDINARY: &str =
    "Title: Bridge closes after flood\nOutlet: The Valley Herald\nDate: 2026-03-14\n\n\
At least 30 people were evacuated on Friday after the Arlen river flooded, Mayor Ana Ruiz said.\n\n\
\"We expect the water to fall by Sunday,\" Ruiz told reporters. Damage was put at $2.5 million.\n";

/// The assertions every hostile run shares: bounded, no panic, exit code 0 or 1, valid JSON.
fn assert_survived(run: &Run, case: &str) -> Value {
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{case}: panic\n{}",
        run.stderr
    );
    assert!(
        run.code == 0 || run.code == 1,
        "{case}: exit code {}\nstderr: {}",
        run.code,
        run.stderr
    );
    assert!(run.elapsed < TIMEOUT, "{case}: took {:?}", run.elapsed);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "{case}: stdout is not JSON ({e}): {}",
            &run.stdout[..run.stdout.len().min(500)]
        )
    })
}

/// Messages the report attaches to `file` (problems in the JSON plus stderr warnings).
fn messages_for(report: &Value, stderr: &str, file: &str) -> Vec<String> {
    let mut out: Vec<String> = report["problems"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["path"].as_str().is_some_and(|path| names(path, file)))
        .filter_map(|p| p["message"].as_str().map(str::to_string))
        .collect();
    out.extend(
        stderr
            .lines()
            .filter(|l| l.contains(&format!("/{file}")))
            .map(str::to_string),
    );
    out
}

/// Does `path` (as printed: `./a/b.txt`) name the file `file` (`b.txt`, `a/b.txt`)?
fn names(path: &str, file: &str) -> bool {
    path == file || path.ends_with(&format!("/{file}"))
}

fn analysed_paths(report: &Value) -> Vec<String> {
    report["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["path"].as_str().map(str::to_string))
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, bytes).expect("write");
    p
}

/// What the report must say about one hostile file.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Analysed, with no problem reported.
    Clean,
    /// Analysed, with a problem / warning containing this text.
    Problem(&'static str),
    /// Not analysed, with a warning containing this text.
    Skipped(&'static str),
}

struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>, Expect)>,
    /// Extra `corroborate.toml` contents.
    config: &'static str,
}

fn cases() -> Vec<Case> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let random = rng.bytes(64 * 1024);
    // Random bytes with every NUL and control byte replaced: looks like text, isn't UTF-8.
    let random_text: Vec<u8> = rng
        .bytes(64 * 1024)
        .into_iter()
        .map(|b| if b < 0x20 && b != b'\n' { b' ' } else { b })
        .collect();
    let crlf = ORDINARY.replace('\n', "\r\n");
    let mut bom_crlf = vec![0xEF, 0xBB, 0xBF];
    bom_crlf.extend_from_slice(crlf.as_bytes());
    let big_number: String = std::iter::once('1')
        .chain(std::iter::repeat('0').take(199_999))
        .collect();
    let mut invalid_utf8 = ORDINARY.as_bytes().to_vec();
    invalid_utf8
        .extend_from_slice(b"The toll rose to 12 \xC3\x28 and \xFF\xFE then 40\xE2\x82 percent.\n");
    let mut odd_utf16 = utf16(ORDINARY, false, true);
    odd_utf16.push(b'x');
    // A lone high surrogate (0xD83D) in the middle of a UTF-16 file.
    let mut lone_surrogate = utf16("Title: A\n\nSome 40 people ", false, true);
    lone_surrogate.extend_from_slice(&[0x3D, 0xD8]);
    lone_surrogate.extend_from_slice(&utf16(" were hurt.\n", false, false));
    vec![
        Case {
            name: "random bytes",
            files: vec![
                ("noise.txt", random, Expect::Skipped("binary")),
                ("noise-text.txt", random_text, Expect::Problem("UTF-8")),
                ("ok.txt", ORDINARY.into(), Expect::Clean),
            ],
            config: "",
        },
        Case {
            name: "UTF-16 with and without a BOM",
            files: vec![
                ("le.txt", utf16(ORDINARY, false, true), Expect::Problem("UTF-16")),
                ("be.txt", utf16(ORDINARY, true, true), Expect::Problem("UTF-16")),
                ("odd.txt", odd_utf16, Expect::Problem("UTF-16")),
                ("lone.txt", lone_surrogate, Expect::Problem("UTF-16")),
                // No BOM: NUL bytes everywhere, refused as binary (named in a warning).
                ("nobom.txt", utf16(ORDINARY, false, false), Expect::Skipped("binary")),
            ],
            config: "",
        },
        Case {
            name: "BOM and CRLF",
            files: vec![
                ("crlf.txt", crlf.into_bytes(), Expect::Clean),
                ("bom-crlf.md", bom_crlf, Expect::Clean),
                ("cr-only.txt", ORDINARY.replace('\n', "\r").into_bytes(), Expect::Clean),
            ],
            config: "",
        },
        Case {
            name: "a 5 MB single word (size limit raised)",
            files: vec![("word.txt", vec![b'a'; 5 * 1024 * 1024], Expect::Clean)],
            config: "max_file_size = 8388608\n",
        },
        Case {
            name: "a 5 MB single word (default size limit)",
            files: vec![
                ("word.txt", vec![b'a'; 5 * 1024 * 1024], Expect::Skipped("size limit")),
                ("word-utf8.txt", "é".repeat(500_000).into_bytes(), Expect::Clean),
            ],
            config: "",
        },
        Case {
            name: "a 200,000-digit number",
            files: vec![
                ("digits.txt", big_number.clone().into_bytes(), Expect::Clean),
                (
                    "digits-in-prose.txt",
                    format!("{ORDINARY}\nThe toll rose to {big_number} people, police said.\n")
                        .into_bytes(),
                    Expect::Clean,
                ),
                (
                    "digits-grouped.txt",
                    format!("Some {} dollars, or {}% of it.\n", "999,".repeat(50_000), big_number)
                        .into_bytes(),
                    Expect::Clean,
                ),
            ],
            config: "",
        },
        Case {
            name: "a line of 50,000 quote marks",
            files: vec![
                ("quotes.txt", "\"".repeat(50_000).into_bytes(), Expect::Clean),
                ("curly.txt", "“”‘’«»".repeat(8_000).into_bytes(), Expect::Clean),
                (
                    "quotes-said.txt",
                    "\"a,\" Ruiz said. ".repeat(5_000).into_bytes(),
                    Expect::Clean,
                ),
            ],
            config: "",
        },
        Case {
            name: "empty and blank files",
            files: vec![
                ("empty.txt", Vec::new(), Expect::Clean),
                ("newlines.md", b"\n\n\n\r\n".to_vec(), Expect::Clean),
                ("spaces.txt", b"   \t  ".to_vec(), Expect::Clean),
                ("bom-only.txt", vec![0xEF, 0xBB, 0xBF], Expect::Clean),
                ("utf16-bom-only.txt", vec![0xFF, 0xFE], Expect::Problem("UTF-16")),
            ],
            config: "",
        },
        Case {
            name: "a file over the size limit",
            files: vec![
                ("big.txt", vec![b'x'; 3 * 1024 * 1024], Expect::Skipped("size limit")),
                ("ok.txt", ORDINARY.into(), Expect::Clean),
            ],
            config: "",
        },
        Case {
            name: "a tiny size limit",
            files: vec![("ok.txt", ORDINARY.into(), Expect::Skipped("size limit"))],
            config: "max_file_size = 10\n",
        },
        Case {
            name: "invalid UTF-8",
            files: vec![
                ("bad.txt", invalid_utf8, Expect::Problem("UTF-8")),
                ("truncated.md", b"Outlet: X\n\n40 \xE2\x82".to_vec(), Expect::Problem("UTF-8")),
                ("overlong.txt", b"caf\xC0\xAF and \xED\xA0\x80".to_vec(), Expect::Problem("UTF-8")),
            ],
            config: "",
        },
        Case {
            name: "odd unicode: controls, bidi, combining marks, emoji",
            files: vec![
                (
                    "unicode.txt",
                    "Title: \u{202E}gnol\u{202C}\n\nAt least 3\u{0301}0 people 😀👨‍👩‍👧 were \u{200B}hurt in 2\u{FE0F}\u{20E3} towns.\n\u{2028}\u{2029}\u{85}Ruiz said \u{FEFF}\"x\".\n".repeat(50).into_bytes(),
                    Expect::Clean,
                ),
                (
                    "marks.txt",
                    "a\u{0301}\u{0301}\u{0301}".repeat(100_000).into_bytes(),
                    Expect::Clean,
                ),
            ],
            config: "",
        },
        Case {
            name: "pathological prose: long lines, no spaces, many short sentences",
            files: vec![
                ("dots.txt", ". ".repeat(200_000).into_bytes(), Expect::Clean),
                // 24,000 figures on one line: printing was quadratic in figures × line length.
                ("numbers.txt", "1 2,3 4.5% ".repeat(6_000).into_bytes(), Expect::Clean),
                (
                    "names.txt",
                    "Mr. Ana Ruiz Luis Ortega Salcedo de la ".repeat(10_000).into_bytes(),
                    Expect::Clean,
                ),
                ("newlines.txt", "\n".repeat(1_000_000).into_bytes(), Expect::Clean),
            ],
            config: "",
        },
    ]
}

fn run_case(case: &Case) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corroborate.toml"), case.config).expect("config");
    for (name, bytes, _) in &case.files {
        write(dir.path(), name, bytes);
    }
    // The human printer slices the text around each finding: it must survive too.
    let human = run_binary(dir.path(), &["check", "."]);
    assert!(
        !human.stderr.contains("panicked"),
        "{}: {}",
        case.name,
        human.stderr
    );
    assert!(
        matches!(human.code, 0 | 1),
        "{}: exit {}",
        case.name,
        human.code
    );
    let run = check_json(dir.path());
    let report = assert_survived(&run, case.name);
    let analysed = analysed_paths(&report);
    for (name, _, expect) in &case.files {
        let msgs = messages_for(&report, &run.stderr, name);
        let was_analysed = analysed.iter().any(|p| names(p, name));
        match expect {
            Expect::Clean => {
                assert!(was_analysed, "{}: {name} not analysed", case.name);
                let reading: Vec<&String> = msgs
                    .iter()
                    .filter(|m| m.contains("UTF") || m.contains("skipped"))
                    .collect();
                assert!(
                    reading.is_empty(),
                    "{}: {name} has reading problems {reading:?}",
                    case.name
                );
            }
            Expect::Problem(needle) => {
                assert!(was_analysed, "{}: {name} not analysed", case.name);
                assert!(
                    msgs.iter().any(|m| m.contains(needle)),
                    "{}: no problem containing {needle:?} for {name}: {msgs:?}",
                    case.name
                );
            }
            Expect::Skipped(needle) => {
                assert!(!was_analysed, "{}: {name} analysed", case.name);
                assert!(
                    run.stderr.lines().any(|l| l.contains(&format!("/{name}"))
                        && l.contains(needle)
                        && l.contains("warning")),
                    "{}: no warning naming {name} with {needle:?}: {}",
                    case.name,
                    run.stderr
                );
            }
        }
    }
}

#[test]
fn random_bytes() {
    run_named("random bytes");
}

#[test]
fn utf16_files() {
    run_named("UTF-16 with and without a BOM");
}

#[test]
fn bom_and_crlf() {
    run_named("BOM and CRLF");
}

#[test]
fn five_megabyte_word() {
    run_named("a 5 MB single word (size limit raised)");
    run_named("a 5 MB single word (default size limit)");
}

#[test]
fn two_hundred_thousand_digits() {
    run_named("a 200,000-digit number");
}

#[test]
fn fifty_thousand_quote_marks() {
    run_named("a line of 50,000 quote marks");
}

#[test]
fn empty_files() {
    run_named("empty and blank files");
}

#[test]
fn oversized_files() {
    run_named("a file over the size limit");
    run_named("a tiny size limit");
}

#[test]
fn invalid_utf8() {
    run_named("invalid UTF-8");
}

#[test]
fn odd_unicode() {
    run_named("odd unicode: controls, bidi, combining marks, emoji");
}

#[test]
fn pathological_prose() {
    run_named("pathological prose: long lines, no spaces, many short sentences");
}

#[test]
fn every_case_is_run_by_a_test() {
    let names = [
        "random bytes",
        "UTF-16 with and without a BOM",
        "BOM and CRLF",
        "a 5 MB single word (size limit raised)",
        "a 5 MB single word (default size limit)",
        "a 200,000-digit number",
        "a line of 50,000 quote marks",
        "empty and blank files",
        "a file over the size limit",
        "a tiny size limit",
        "invalid UTF-8",
        "odd unicode: controls, bidi, combining marks, emoji",
        "pathological prose: long lines, no spaces, many short sentences",
    ];
    for c in cases() {
        assert!(names.contains(&c.name), "case {:?} has no test", c.name);
    }
}

fn run_named(name: &str) {
    let case = cases()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    run_case(&case);
}

/// Links: to a file outside, to a folder outside, dangling, a loop. The outside text must
/// never be analysed; each link is named in a warning or silently ignored (dangling).
#[cfg(unix)]
#[test]
fn symbolic_links_leaving_the_folder() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("tempdir");
    let secret = "Title: Secret\n\nExactly 999 secret people were counted, Mayor Outsider said.\n";
    write(outside.path(), "secret.txt", secret.as_bytes());
    write(outside.path(), "sub/secret2.txt", secret.as_bytes());
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corroborate.toml"), "").expect("config");
    write(dir.path(), "ok.txt", ORDINARY.as_bytes());
    symlink(
        outside.path().join("secret.txt"),
        dir.path().join("link.txt"),
    )
    .expect("link");
    symlink(outside.path().join("sub"), dir.path().join("linkdir")).expect("link");
    symlink(
        dir.path().join("missing.txt"),
        dir.path().join("dangling.txt"),
    )
    .expect("link");
    symlink(dir.path(), dir.path().join("loop")).expect("link");
    // A link inside the folder to a file inside the folder is fine.
    symlink(dir.path().join("ok.txt"), dir.path().join("inside.txt")).expect("link");

    let run = check_json(dir.path());
    let report = assert_survived(&run, "symlinks");
    assert!(
        !run.stdout.contains("Outsider") && !run.stdout.contains("999"),
        "outside text analysed: {}",
        run.stdout
    );
    let analysed = analysed_paths(&report);
    assert!(
        analysed.iter().any(|p| p.ends_with("ok.txt")),
        "{analysed:?}"
    );
    assert!(
        !analysed
            .iter()
            .any(|p| p.contains("secret") || p.ends_with("link.txt")),
        "{analysed:?}"
    );
    for name in ["link.txt", "secret2.txt"] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(name) && l.contains("outside")),
            "no warning for {name}: {}",
            run.stderr
        );
    }
}

/// Files given directly on the command line: a missing one is a usage error (exit 2, named),
/// a binary one is skipped with a warning.
#[test]
fn direct_file_arguments() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corroborate.toml"), "").expect("config");
    write(dir.path(), "bin.txt", &[0, 1, 2, 3, 0, 0]);
    let run = run_binary(dir.path(), &["check", "--format", "json", "bin.txt"]);
    assert_survived(&run, "binary argument");
    assert!(
        run.stderr.contains("bin.txt") && run.stderr.contains("binary"),
        "{}",
        run.stderr
    );
    let run = run_binary(dir.path(), &["check", "nope.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nope.txt"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// A broken `corroborate.toml` is an error naming the file, never a panic.
#[test]
fn hostile_configs() {
    let rows: &[(&str, &[u8])] = &[
        ("not toml", b"this is = = not toml ["),
        ("wrong types", b"max_file_size = \"big\"\npaths = 3\n"),
        ("binary", &[0xFF, 0x00, 0xFE, 0x12]),
        (
            "bad globs",
            b"exclude = [\"[\", \"**/{a\"]\n[outlets]\n\"[\" = \"X\"\n",
        ),
        (
            "negative tolerance",
            b"[tolerances]\nabout = -5.0\nnearly = 1e308\n",
        ),
        (
            "nan tolerance",
            b"[tolerances]\nabout = nan\nnearly = inf\n",
        ),
        ("zero size limit", b"max_file_size = 0\n"),
        ("paths outside", b"paths = [\"../../../../../etc\"]\n"),
    ];
    for (name, toml) in rows {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("corroborate.toml"), toml).expect("config");
        write(dir.path(), "ok.txt", ORDINARY.as_bytes());
        let run = run_binary(dir.path(), &["check", "--format", "json", "."]);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        assert!(
            matches!(run.code, 0..=2),
            "{name}: exit {} {}",
            run.code,
            run.stderr
        );
        if run.code == 2 {
            assert!(
                run.stderr.contains("corroborate.toml"),
                "{name}: {}",
                run.stderr
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Regression tests for crashes and blow-ups found by the property tests, fuzzing and the
// cases above.

/// Found by `pathological_prose`: 4,000 repetitions of "1 2,3 4.5% " (one 44 KB line, 16,000
/// figures) took 40 s and printed 1 GB in the human format, 12 s in JSON: every figure
/// printed its whole line, and every UTF-16 column walked the line. Doubling the figures
/// now roughly doubles the time and output (it quadrupled).
#[test]
fn many_figures_on_one_line_print_in_linear_time() {
    let mut sizes = Vec::new();
    for reps in [1_000, 2_000] {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("corroborate.toml"), "").expect("config");
        write(
            dir.path(),
            "numbers.txt",
            "Officials said 30 people were hurt and 4.5% of homes lost power. "
                .repeat(reps)
                .as_bytes(),
        );
        let human = run_binary(dir.path(), &["check", "."]);
        assert!(matches!(human.code, 0 | 1), "{}", human.stderr);
        let json = check_json(dir.path());
        let report = assert_survived(&json, "numbers");
        let figures = report["figures"].as_array().map_or(0, Vec::len);
        assert!(figures >= reps, "expected figures, got {figures}");
        assert!(
            human.stdout.len() < figures * 800,
            "{} bytes of human output for {figures} figures",
            human.stdout.len()
        );
        sizes.push(human.stdout.len() + json.stdout.len());
    }
    assert!(
        sizes[1] < sizes[0] * 3,
        "output grew from {} to {} bytes when the input doubled",
        sizes[0],
        sizes[1]
    );
}

/// Found by `properties::describing_any_figure_value_never_panics`: printing a `date`
/// figure of a huge value overflowed in `dates::civil_from_days` (debug builds panicked,
/// release builds printed a wrapped date).
#[test]
fn printing_a_far_future_date_figure_does_not_overflow() {
    for v in [
        f64::MAX,
        f64::MIN,
        1e300,
        -1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ] {
        let figure = corroborate::figures::Figure {
            span: corroborate::Span::new(0, 0),
            value: corroborate::figures::Interval::exact(v),
            unit: "date",
            precision: 0.0,
            hedge: corroborate::figures::Hedge::Exact,
            subject: "event date".into(),
            baseline: None,
            direction: None,
            update: false,
            sentence: 0,
        };
        assert!(!corroborate::figures::describe_value(&figure).is_empty());
    }
    for days in [i64::MAX, i64::MIN, i64::MAX / 2, i64::MIN / 2] {
        let d = corroborate::dates::Date::from_days(days);
        assert!((1..=12).contains(&d.month) && (1..=31).contains(&d.day));
    }
}

/// Found by `properties::money_spellings_are_equal`: "$128.7 million" was normalised to
/// 128699999.99999999 (floating point), printed as such, and differed from "$128,700,000".
#[test]
fn scaled_decimals_normalise_to_the_printed_digits() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corroborate.toml"), "").expect("config");
    let article = "---\noutlet: The Valley Herald\npublished: 2026-03-14\n---\n\n\
The damage was put at $128.7 million, the insurer said. Sales reached 4.6bn euros.\n";
    write(dir.path(), "a.md", article.as_bytes());
    let run = check_json(dir.path());
    let report = assert_survived(&run, "scaled decimals");
    let lows: Vec<String> = report["figures"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["value"]["low"].to_string())
        .collect();
    assert!(lows.contains(&"128700000".to_string()), "{lows:?}");
    assert!(lows.contains(&"4600000000".to_string()), "{lows:?}");
}

/// Regression: disagreement finding was quadratic in the figures of one subject, with a
/// string allocated per pair (`outlet_key`). Two 64 KB articles of two outlets repeating
/// "40 people were hurt and 7 (9) killed" took ~29 s in a debug build, two 128 KB ones
/// ~100 s; two files at the 2 MiB limit would not have finished.
#[test]
fn many_same_subject_figures_in_two_outlets_finish_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corroborate.toml"), "").expect("config");
    for (name, outlet, n) in [("a.md", "A", 7), ("b.md", "B", 9)] {
        let line = format!(
            "Officials said 40 people were hurt and {n} killed in Puerto Claro on Friday.\n"
        );
        let text = format!(
            "---\noutlet: {outlet}\npublished: 2026-03-14\n---\n\n{}",
            line.repeat(128 * 1024 / line.len())
        );
        write(dir.path(), name, text.as_bytes());
    }
    let run = check_json(dir.path());
    assert_survived(&run, "same-subject figures");
    assert!(
        run.elapsed < Duration::from_secs(20),
        "took {:?}",
        run.elapsed
    );
}

/// Found by the `workspace_findings` fuzz target (input kept in `fuzz/regressions/`): the
/// same articles fell into different stories from run to run. Story term ids followed hash
/// order, and ties in term weight were broken by id, so the chosen top terms varied.
#[test]
fn stories_do_not_depend_on_hash_order() {
    let data = include_bytes!("../fuzz/regressions/workspace_findings-story-order.bin");
    let text = String::from_utf8_lossy(data).into_owned();
    let outlets = ["The Valley Herald", "Coastal Courier", "Metro Daily"];
    let inputs: Vec<(
        String,
        std::sync::Arc<str>,
        corroborate::article::ArticleContext,
    )> = text
        .split("\n=====\n")
        .take(8)
        .enumerate()
        .map(|(i, t)| {
            let ctx = corroborate::article::ArticleContext {
                outlet: (i % 3 == 2).then(|| outlets[i % 3].to_string()),
                read_problems: Vec::new(),
            };
            (format!("articles/a{i}.txt"), std::sync::Arc::from(t), ctx)
        })
        .collect();
    let config = corroborate::config::Config::default();
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..30 {
        let mut given = inputs.clone();
        if round % 2 == 1 {
            given.reverse();
        }
        let a = corroborate::workspace::analyze_texts(given, &config);
        seen.insert(format!("{:?} {:?}", a.stories, a.disagreements));
    }
    assert_eq!(seen.len(), 1, "findings vary between runs: {seen:#?}");
}
