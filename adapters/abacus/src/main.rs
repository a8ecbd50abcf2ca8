//! kieswet-abacus-adapter: the `apportionment` crate of Abacus (the Kiesraad's result software,
//! <https://github.com/kiesraad/abacus>) behind the kieswet adapter protocol
//! `kieswet-adapter@1` (JSON Lines on standard input and output; docs/adapter-protocol.md).
//!
//! Written for kieswet; it contains no Abacus code: it calls `apportionment::process` and
//! translates inputs and outputs. docs/abacus.md explains how to build it and every choice.
//!
//! `kieswet-abacus-adapter --batch` is the same calculation without the protocol: a batch
//! oracle to time `kieswet allocate --batch` against (benchmarks/allocate_batch.py --abacus).
//! Every non-empty line of standard input is one `kieswet/seat-allocation-input@1` document,
//! as `kieswet allocate --batch` reads them; for each, in input order, one line is written: the
//! result document an `allocate` case of the protocol answers (`completed`, `needs_lot` or
//! `rejected`, in `kieswet/seat-allocation-result@1`, without `steps` and `warnings`), or, for
//! what the crate cannot be asked or failed on, `{"status":"skipped"|"errored","message":..}`.
//! A line that is not UTF-8 or not JSON is answered `rejected` (code `malformed_json`, field
//! `$`) and the batch goes on; a byte order mark before the first line is skipped. Each line
//! does the work of one protocol case (reading the JSON, the input checks, the translation,
//! the crate with its lots fed back, writing the JSON): both go through `allocate_document`.
//! Output is buffered and written at the end of input or when the buffer fills; the exit
//! status is 0 when every line was answered, 2 when standard input or output fails.
//! `--batch --timings` also writes to standard error, at the end, the lines answered, the
//! whole time and the part of it spent inside `apportionment::process` (the crate alone).

mod input;
mod value;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

use apportionment::{
    ApportionmentInput, ApportionmentOutput, CandidateDrawingLotsVariant, CandidateDrawn,
    CandidateVotes, Fraction, ListDrawingLotsVariant, ListDrawn, ListVotes, SeatChange, process,
};
use serde::Serialize;
use value::Value;

const PROTOCOL: &str = "kieswet-adapter@1";
const RESULT_FORMAT: &str = "kieswet/seat-allocation-result@1";
/// The most stand-in candidates made for one list with list-level data.
const MAX_STAND_INS: u32 = 100_000;

// ------------------------------------------------------------------ the crate's input traits

#[derive(Debug, PartialEq)]
struct Cand {
    number: u32,
    votes: u32,
}

impl CandidateVotes for Cand {
    type CandidateNumber = u32;
    fn number(&self) -> u32 {
        self.number
    }
    fn votes(&self) -> u32 {
        self.votes
    }
}

#[derive(Debug, PartialEq)]
struct Lst {
    number: u32,
    candidates: Vec<Cand>,
}

impl ListVotes for Lst {
    type Cv = Cand;
    type ListNumber = u32;
    fn number(&self) -> u32 {
        self.number
    }
    fn candidate_votes(&self) -> &[Cand] {
        &self.candidates
    }
}

struct ListLot {
    variant: ListDrawingLotsVariant<u32>,
    drawn: u32,
}

impl ListDrawn<u32> for ListLot {
    fn variant(&self) -> ListDrawingLotsVariant<u32> {
        self.variant.clone()
    }
    fn drawn(&self) -> &u32 {
        &self.drawn
    }
}

struct CandLot {
    variant: CandidateDrawingLotsVariant<u32, u32>,
    drawn: u32,
}

impl CandidateDrawn<u32, u32> for CandLot {
    fn variant(&self) -> CandidateDrawingLotsVariant<u32, u32> {
        self.variant.clone()
    }
    fn drawn(&self) -> &u32 {
        &self.drawn
    }
}

struct Input {
    seats: u32,
    lists: Vec<Lst>,
    deceased: HashMap<u32, HashSet<u32>>,
    list_lots: Vec<ListLot>,
    cand_lots: Vec<CandLot>,
}

impl ApportionmentInput for Input {
    type List = Lst;
    type ListDrawn = ListLot;
    type CandidateDrawn = CandLot;
    fn number_of_seats(&self) -> u32 {
        self.seats
    }
    fn list_votes(&self) -> &[Lst] {
        &self.lists
    }
    fn deceased_candidates(&self) -> &HashMap<u32, HashSet<u32>> {
        &self.deceased
    }
    fn lists_drawn(&self) -> impl Iterator<Item = &ListLot> {
        self.list_lots.iter()
    }
    fn candidates_drawn(&self) -> impl Iterator<Item = &CandLot> {
        self.cand_lots.iter()
    }
}

// ------------------------------------------------------------------ answers

/// What one `allocate` case (or `--batch` line) is answered.
enum Answer {
    /// A `kieswet/seat-allocation-result@1` document: `completed`, `needs_lot` or `rejected`.
    Result(Outcome),
    /// The crate cannot be asked this (the reason).
    Skipped(String),
    /// The crate failed on it (the error or panic).
    Errored(String),
}

/// A `kieswet/seat-allocation-result@1` document (docs/formats.md), written by serde_json with
/// its members in the order of the fields here: `format`, `status`, then the outcome's.
#[derive(Serialize)]
struct ResultDocument<'a> {
    format: &'static str,
    #[serde(flatten)]
    outcome: &'a Outcome,
}

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum Outcome {
    Completed(Box<Completed>),
    NeedsLot(NeedsLot),
    Rejected(Rejected),
}

impl Outcome {
    fn status(&self) -> &'static str {
        match self {
            Outcome::Completed(_) => "completed",
            Outcome::NeedsLot(_) => "needs_lot",
            Outcome::Rejected(_) => "rejected",
        }
    }
    fn document(&self) -> ResultDocument<'_> {
        ResultDocument {
            format: RESULT_FORMAT,
            outcome: self,
        }
    }
}

/// A map from list number to `V`, in the crate's order (by list number); serde_json writes a
/// number as a key in quotes, `{"1": 3}`.
struct ByList<V>(Vec<(u32, V)>);

impl<V: Serialize> Serialize for ByList<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(list, v)| (list, v)))
    }
}

#[derive(Serialize)]
struct Completed {
    total_votes: u64,
    quota: String,
    seats: ByList<u32>,
    full_seats: ByList<u32>,
    residual_seat_order: Vec<u32>,
    /// The candidates' part, when some list has candidate-level data.
    #[serde(flatten)]
    candidates: Option<Nomination>,
}

#[derive(Serialize)]
struct Nomination {
    preference_threshold: String,
    elected: ByList<Vec<u32>>,
    elected_on_preference: ByList<Vec<u32>>,
    ranking: ByList<Vec<u32>>,
}

#[derive(Serialize)]
struct NeedsLot {
    lot: LotQuestion,
    seats_so_far: ByList<u32>,
}

#[derive(Serialize)]
struct LotQuestion {
    kind: &'static str,
    options: Vec<u32>,
    article: &'static str,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    list: Option<u32>,
}

#[derive(Serialize)]
struct Rejected {
    errors: Vec<input::Problem>,
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A fraction in the result format's notation: lowest terms, mixed ("444 5/17").
fn mixed(f: Fraction) -> String {
    let g = gcd(f.numerator, f.denominator).max(1);
    let (n, d) = (f.numerator / g, f.denominator / g);
    let (whole, rest) = (n / d, n % d);
    match (whole, rest) {
        (w, 0) => format!("{w}"),
        (0, r) => format!("{r}/{d}"),
        (w, r) => format!("{w} {r}/{d}"),
    }
}

fn rejected(field: &str, code: &'static str, message: &str) -> Answer {
    Answer::Result(Outcome::Rejected(Rejected {
        errors: vec![input::Problem {
            field: field.to_string(),
            code,
            message: message.to_string(),
        }],
    }))
}

fn small(n: i128, what: &str) -> Result<u32, Answer> {
    u32::try_from(n).map_err(|_| {
        Answer::Errored(format!(
            "{what} {n} does not fit the crate's u32 (Abacus counts votes, seats and numbers in u32)"
        ))
    })
}

/// The crate's input for `e`, or why it cannot express it.
fn translate(e: &input::Election) -> Result<Input, Answer> {
    let seats = small(e.seats, "seats")?;
    let mut lists = vec![];
    let mut deceased = HashMap::new();
    for l in &e.lists {
        let number = small(l.number, "list number")?;
        let mut cands = vec![];
        let mut dead = HashSet::new();
        match &l.candidates {
            Some(cs) => {
                for c in cs {
                    let n = small(c.number, "candidate number")?;
                    cands.push(Cand {
                        number: n,
                        votes: small(c.votes, "votes")?,
                    });
                    if c.deceased {
                        dead.insert(n);
                    }
                }
            }
            None => {
                // List-level data: the crate knows a list's votes only through its candidates.
                // The list becomes stand-in candidates: its living candidates (candidate_count
                // minus deceased_count, or as many as there are seats when candidate_count is
                // absent), at most one per seat since a list takes no more seats than there
                // are, then one deceased candidate if it has any (P 19a); candidate 1 holds all
                // the list's votes. Its elected candidates are not reported.
                let all = l.candidate_count.unwrap_or(e.seats);
                let living = small((all - l.deceased_count).min(e.seats), "seats")?;
                let stand_ins = living + u32::from(l.deceased_count > 0);
                if stand_ins > MAX_STAND_INS {
                    return Err(Answer::Skipped(format!(
                        "list {number} has list-level data only and would need {stand_ins} stand-in candidates (at most {MAX_STAND_INS})"
                    )));
                }
                if stand_ins == 0 && l.votes > 0 {
                    return Err(Answer::Skipped(format!(
                        "list {number} has votes but candidate_count 0: the crate counts a list's votes only through its candidates, so this input cannot be expressed"
                    )));
                }
                let votes = small(l.votes, "votes")?;
                for n in 1..=stand_ins {
                    cands.push(Cand {
                        number: n,
                        votes: if n == 1 { votes } else { 0 },
                    });
                    if n > living {
                        dead.insert(n);
                    }
                }
            }
        }
        if !dead.is_empty() {
            deceased.insert(number, dead);
        }
        lists.push(Lst {
            number,
            candidates: cands,
        });
    }
    Ok(Input {
        seats,
        lists,
        deceased,
        list_lots: vec![],
        cand_lots: vec![],
    })
}

fn list_lot_kind(v: &ListDrawingLotsVariant<u32>, seats: u32) -> (&'static str, &'static str) {
    match v {
        ListDrawingLotsVariant::HighestAverageResidualSeat(_) if seats >= 19 => {
            ("residual_seat", "P 7")
        }
        ListDrawingLotsVariant::HighestAverageResidualSeat(_) => ("residual_seat", "P 8 lid 3"),
        ListDrawingLotsVariant::LargestRemainderResidualSeat(_) => ("residual_seat", "P 8 lid 1-2"),
        ListDrawingLotsVariant::AbsoluteMajorityHighestAverage(_)
        | ListDrawingLotsVariant::AbsoluteMajorityLargestRemainder(_) => {
            ("absolute_majority", "P 9")
        }
    }
}

fn sorted(options: &[u32]) -> Vec<u32> {
    let mut o = options.to_vec();
    o.sort_unstable();
    o
}

/// One allocation by the crate, feeding back the input's lots in order: the crate states each
/// lot question in full (the tied values included) and accepts a drawn lot only for exactly that
/// question, so each question is answered by the next lot of the input when that lot asks the
/// same thing (kind, options, list), and the crate runs again.
fn allocate(e: &input::Election, mut inp: Input) -> Answer {
    let mut next = 0;
    loop {
        let started = std::time::Instant::now();
        let outcome = process(&inp);
        CRATE_TIME.with(|c| c.set(c.get() + started.elapsed()));
        let out = match outcome {
            Ok(out) => out,
            Err(err) => return Answer::Errored(format!("the crate returned an error: {err:?}")),
        };
        let (lot_kind, article, options, list, description, details) = match &out {
            ApportionmentOutput::Completed(d) => {
                if next < e.lots.len() {
                    return rejected(
                        &format!("lots[{next}]"),
                        "lot_mismatch",
                        "this lot answers no question of the allocation",
                    );
                }
                return completed(e, d);
            }
            ApportionmentOutput::ListDrawingLotsRequired(v, d) => {
                let (kind, article) = list_lot_kind(v, inp.seats);
                let desc = format!("{v:?}");
                (kind, article, sorted(v.options()), None, desc, d)
            }
            ApportionmentOutput::CandidateDrawingLotsRequired(v, d) => {
                let desc = format!("{v:?}");
                (
                    "candidate",
                    "P 15 lid 1",
                    sorted(&v.options),
                    Some(v.list),
                    desc,
                    d,
                )
            }
        };
        let Some(lot) = e.lots.get(next) else {
            let seats_so_far = ByList(
                details
                    .standings
                    .iter()
                    .map(|st| (st.list_number, st.total_seats))
                    .collect(),
            );
            return Answer::Result(Outcome::NeedsLot(NeedsLot {
                lot: LotQuestion {
                    kind: lot_kind,
                    options,
                    article,
                    description: format!("Abacus asks: {description}"),
                    list,
                },
                seats_so_far,
            }));
        };
        if lot.kind != lot_kind
            || !lot
                .options
                .iter()
                .copied()
                .eq(options.into_iter().map(i128::from))
            || lot.list != list.map(i128::from)
        {
            return rejected(
                &format!("lots[{next}]"),
                "lot_mismatch",
                "this lot answers another question than the one the allocation asks",
            );
        }
        let drawn = lot.drawn as u32; // one of the options, all of which are u32
        match out {
            ApportionmentOutput::ListDrawingLotsRequired(v, _) => {
                inp.list_lots.push(ListLot { variant: v, drawn })
            }
            ApportionmentOutput::CandidateDrawingLotsRequired(v, _) => {
                inp.cand_lots.push(CandLot { variant: v, drawn })
            }
            ApportionmentOutput::Completed(_) => unreachable!(),
        }
        next += 1;
    }
}

fn completed(e: &input::Election, d: &apportionment::ApportionmentDetails<'_, Lst>) -> Answer {
    let sa = &d.seat_assignment;
    let seats = ByList(
        sa.standings
            .iter()
            .map(|st| (st.list_number, st.total_seats))
            .collect(),
    );
    // Full seats as assigned under P 6: the standings before the first residual seat (the final
    // standings have full seats taken away by P 10 subtracted).
    let full_seats = ByList(match sa.steps.first() {
        Some(step) => step
            .standings
            .iter()
            .map(|st| (st.list_number(), st.full_seats()))
            .collect(),
        None => sa
            .standings
            .iter()
            .map(|st| (st.list_number, st.full_seats))
            .collect(),
    });
    let residual_seat_order = sa
        .steps
        .iter()
        .filter(|st| {
            matches!(
                st.change,
                SeatChange::HighestAverageAssignment(_)
                    | SeatChange::UniqueHighestAverageAssignment(_)
                    | SeatChange::LargestRemainderAssignment(_)
            )
        })
        .map(|st| st.change.list_number_assigned())
        .collect();
    let with_candidates: HashSet<u32> = e
        .lists
        .iter()
        .filter(|l| l.candidates.is_some())
        .map(|l| l.number as u32)
        .collect();
    let candidates = (!with_candidates.is_empty()).then(|| {
        let cn = &d.candidate_nomination;
        let mut elected = vec![];
        let mut on_preference = vec![];
        let mut ranking = vec![];
        for l in cn
            .list_candidate_nomination
            .iter()
            .filter(|l| with_candidates.contains(&l.list_number))
        {
            let pref: Vec<u32> = l
                .preferential_candidate_nomination
                .iter()
                .map(|c| c.number)
                .collect();
            let mut all = pref.clone();
            all.extend(l.other_candidate_nomination.iter().map(|c| c.number));
            elected.push((l.list_number, all));
            on_preference.push((l.list_number, pref));
            // P 19: the order for later vacancies (the crate leaves deceased candidates out). By
            // P 19 lid 5 a list without elected candidates is ranked only when fewer than 19
            // seats are allocated; for such a list with 19 seats or more the crate keeps the
            // original list order, which is then not reported.
            if l.list_seats > 0 || e.seats < 19 {
                ranking.push((l.list_number, l.candidate_ranking.as_slice().to_vec()));
            }
        }
        Nomination {
            preference_threshold: mixed(cn.preference_threshold.number_of_votes),
            elected: ByList(elected),
            elected_on_preference: ByList(on_preference),
            ranking: ByList(ranking),
        }
    });
    Answer::Result(Outcome::Completed(Box::new(Completed {
        total_votes: sa.standings.iter().map(|st| st.votes_cast).sum::<u64>(),
        quota: mixed(sa.quota),
        seats,
        full_seats,
        residual_seat_order,
        candidates,
    })))
}

fn handle(case: &Value<'_>) -> Answer {
    let operation = case.get("operation").and_then(Value::as_str).unwrap_or("");
    if operation != "allocate" {
        return Answer::Skipped(format!(
            "operation {operation:?}: the crate allocates one contest only"
        ));
    }
    allocate_document(case.get("input").unwrap_or(&Value::Null))
}

/// The answer for one `kieswet/seat-allocation-input@1` document: the format's checks, the
/// adapter's claims (GR, current law, default profile), the translation, and the crate's
/// allocation with the document's lots fed back. The protocol's `allocate` cases and the
/// `--batch` lines both come here.
fn allocate_document(document: &Value<'_>) -> Answer {
    let e = match input::parse(document) {
        Ok(e) => e,
        Err(errors) => return Answer::Result(Outcome::Rejected(Rejected { errors })),
    };
    if e.kind != "GR" || e.law != "current" || e.profile != "default" {
        return Answer::Skipped(format!(
            "kind {} / law {} / profile {}: the crate implements the gemeenteraad under the current law only",
            e.kind, e.law, e.profile
        ));
    }
    let inp = match translate(&e) {
        Ok(inp) => inp,
        Err(answer) => return answer,
    };
    match catch_unwind(AssertUnwindSafe(|| allocate(&e, inp))) {
        Ok(answer) => answer,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|m| (*m).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            let place = PANIC_AT.with(|p| p.borrow_mut().take()).unwrap_or_default();
            Answer::Errored(format!("the crate panicked at {place}: {msg}"))
        }
    }
}

/// The answer to `start`: what the adapter claims (docs/adapter-protocol.md).
#[derive(Serialize)]
struct Started {
    #[serde(rename = "type")]
    kind: &'static str,
    protocol: &'static str,
    name: &'static str,
    version: &'static str,
    capabilities: Capabilities,
}

#[derive(Serialize)]
struct Capabilities {
    operations: [&'static str; 1],
    kinds: [&'static str; 1],
    laws: [&'static str; 1],
    profiles: [&'static str; 1],
    candidates: bool,
    lots: bool,
}

const STARTED: Started = Started {
    kind: "started",
    protocol: PROTOCOL,
    name: "abacus-apportionment",
    version: env!("ABACUS_VERSION"),
    capabilities: Capabilities {
        operations: ["allocate"],
        kinds: ["GR"],
        laws: ["current"],
        profiles: ["default"],
        candidates: true,
        lots: true,
    },
};

/// A protocol answer: `{"type": "result", "id": ..., "status": ..., "result" | "message": ...}`.
#[derive(Serialize)]
struct ResultLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a Value<'a>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<ResultDocument<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

/// What a `--batch` line says for a case the crate could not be asked or failed on (the result
/// format has no place for those).
#[derive(Serialize)]
struct Unanswered<'a> {
    status: &'static str,
    message: &'a str,
}

fn answer_line(out: &mut impl Write, id: &Value<'_>, answer: &Answer) -> serde_json::Result<()> {
    let (status, result, message) = match answer {
        Answer::Result(outcome) => (outcome.status(), Some(outcome.document()), None),
        Answer::Skipped(msg) => ("skipped", None, Some(msg.as_str())),
        Answer::Errored(msg) => ("errored", None, Some(msg.as_str())),
    };
    let line = ResultLine {
        kind: "result",
        id,
        status,
        result,
        message,
    };
    serde_json::to_writer(out, &line)
}

/// A `--batch` output line (without its newline): the result document, or the status and
/// message of a case the crate could not be asked or failed on.
fn batch_line(out: &mut impl Write, answer: &Answer) -> serde_json::Result<()> {
    match answer {
        Answer::Result(outcome) => serde_json::to_writer(out, &outcome.document()),
        Answer::Skipped(message) => serde_json::to_writer(
            out,
            &Unanswered {
                status: "skipped",
                message,
            },
        ),
        Answer::Errored(message) => serde_json::to_writer(
            out,
            &Unanswered {
                status: "errored",
                message,
            },
        ),
    }
}

/// `--batch`: one input document per non-empty line of standard input, one output line each.
fn batch(timings: bool) -> std::io::Result<()> {
    let started = std::time::Instant::now();
    let mut answered = 0u64;
    let mut input = std::io::stdin().lock();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut raw = Vec::new();
    let mut first = true;
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            break;
        }
        // A byte order mark before the first line is skipped, as by kieswet allocate --batch.
        let text = if std::mem::take(&mut first) {
            raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&raw)
        } else {
            &raw[..]
        };
        let answer = match std::str::from_utf8(text) {
            Err(err) => rejected("$", "malformed_json", &format!("not UTF-8: {err}")),
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => match value::parse(line.trim_end_matches(['\n', '\r'])) {
                Ok(document) => allocate_document(&document),
                Err(err) => rejected("$", "malformed_json", &err),
            },
        };
        batch_line(&mut out, &answer)?;
        out.write_all(b"\n")?;
        answered += 1;
    }
    out.flush()?;
    if timings {
        let total = started.elapsed().as_secs_f64();
        let inside = CRATE_TIME.with(|c| c.get()).as_secs_f64();
        eprintln!(
            "kieswet-abacus-adapter --batch: {answered} lines in {total:.3} s, of which {inside:.3} s in apportionment::process"
        );
    }
    Ok(())
}

thread_local! {
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// The time spent in `apportionment::process` so far (`--batch --timings`).
    static CRATE_TIME: std::cell::Cell<std::time::Duration> =
        const { std::cell::Cell::new(std::time::Duration::ZERO) };
}

fn main() {
    // A panic inside the crate (with overflow checks on: also an arithmetic overflow) is
    // answered `errored`, naming where it happened; the report goes to stderr too.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        eprintln!("kieswet-abacus-adapter: {info}");
        PANIC_AT.with(|p| *p.borrow_mut() = place);
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => {}
        ["--batch"] | ["--batch", "--timings"] => {
            if let Err(err) = batch(args.len() == 2) {
                eprintln!("kieswet-abacus-adapter: {err}");
                std::process::exit(2);
            }
            return;
        }
        _ => {
            eprintln!(
                "kieswet-abacus-adapter: usage: kieswet-abacus-adapter [--batch [--timings]]"
            );
            std::process::exit(2);
        }
    }
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let msg = match value::parse(&line) {
            Ok(m) => m,
            Err(err) => {
                eprintln!("kieswet-abacus-adapter: a request line that is not JSON: {err}");
                std::process::exit(2);
            }
        };
        match msg.get("type").and_then(Value::as_str) {
            Some("start") => {
                let _ = serde_json::to_writer(&mut out, &STARTED);
                let _ = out.write_all(b"\n");
            }
            Some("run") => {
                if let Some(Value::Array(cases)) = msg.get("cases") {
                    for case in cases {
                        let id = case.get("id").unwrap_or(&Value::Null);
                        let _ = answer_line(&mut out, id, &handle(case));
                        let _ = out.write_all(b"\n");
                    }
                }
            }
            Some("stop") => {
                let _ = serde_json::to_writer(&mut out, &serde_json::json!({"type": "stopped"}));
                let _ = out.write_all(b"\n");
                let _ = out.flush();
                return;
            }
            other => {
                eprintln!("kieswet-abacus-adapter: unknown message type {other:?}");
                std::process::exit(2);
            }
        }
        if out.flush().is_err() {
            return;
        }
    }
}
