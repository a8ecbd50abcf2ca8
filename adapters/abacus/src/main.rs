//! kieswet-abacus-adapter: the `apportionment` crate of Abacus (the Kiesraad's result software,
//! <https://github.com/kiesraad/abacus>) behind the kieswet adapter protocol
//! `kieswet-adapter@1` (JSON Lines on standard input and output; docs/adapter-protocol.md).
//!
//! Written for kieswet; it contains no Abacus code: it calls `apportionment::process` and
//! translates inputs and outputs. docs/abacus.md explains how to build it and every choice.

mod input;
mod json;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

use apportionment::{
    ApportionmentInput, ApportionmentOutput, CandidateDrawingLotsVariant, CandidateDrawn,
    CandidateVotes, Fraction, ListDrawingLotsVariant, ListDrawn, ListVotes, SeatChange, process,
};
use json::{Value, int, obj, s};

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

enum Answer {
    Completed(Value),
    NeedsLot(Value),
    Rejected(Value),
    Skipped(String),
    Errored(String),
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A fraction in the result format's notation: lowest terms, mixed ("444 5/17").
fn mixed(f: Fraction) -> Value {
    let g = gcd(f.numerator, f.denominator).max(1);
    let (n, d) = (f.numerator / g, f.denominator / g);
    let (whole, rest) = (n / d, n % d);
    s(&match (whole, rest) {
        (w, 0) => format!("{w}"),
        (0, r) => format!("{r}/{d}"),
        (w, r) => format!("{w} {r}/{d}"),
    })
}

fn keyed(pairs: impl Iterator<Item = (u32, Value)>) -> Value {
    Value::Object(pairs.map(|(k, v)| (k.to_string(), v)).collect())
}

fn rejected(field: &str, code: &str, message: &str) -> Answer {
    let error = obj(vec![
        ("field", s(field)),
        ("code", s(code)),
        ("message", s(message)),
    ]);
    Answer::Rejected(obj(vec![
        ("format", s(RESULT_FORMAT)),
        ("status", s("rejected")),
        ("errors", Value::Array(vec![error])),
    ]))
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

fn sorted(options: &[u32]) -> Vec<i128> {
    let mut o: Vec<i128> = options.iter().map(|&n| i128::from(n)).collect();
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
        let out = match process(&inp) {
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
            let mut q = vec![
                ("kind", s(lot_kind)),
                (
                    "options",
                    Value::Array(options.into_iter().map(Value::Int).collect()),
                ),
                ("article", s(article)),
                ("description", s(&format!("Abacus asks: {description}"))),
            ];
            if let Some(l) = list {
                q.push(("list", int(l)));
            }
            let so_far = keyed(
                details
                    .standings
                    .iter()
                    .map(|st| (st.list_number, int(st.total_seats))),
            );
            return Answer::NeedsLot(obj(vec![
                ("format", s(RESULT_FORMAT)),
                ("status", s("needs_lot")),
                ("lot", obj(q)),
                ("seats_so_far", so_far),
            ]));
        };
        if lot.kind != lot_kind || lot.options != options || lot.list != list.map(i128::from) {
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
    let seats = keyed(
        sa.standings
            .iter()
            .map(|st| (st.list_number, int(st.total_seats))),
    );
    // Full seats as assigned under P 6: the standings before the first residual seat (the final
    // standings have full seats taken away by P 10 subtracted).
    let full = match sa.steps.first() {
        Some(step) => keyed(
            step.standings
                .iter()
                .map(|st| (st.list_number(), int(st.full_seats()))),
        ),
        None => keyed(
            sa.standings
                .iter()
                .map(|st| (st.list_number, int(st.full_seats))),
        ),
    };
    let order: Vec<Value> = sa
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
        .map(|st| int(st.change.list_number_assigned()))
        .collect();
    let mut result = vec![
        ("format", s(RESULT_FORMAT)),
        ("status", s("completed")),
        (
            "total_votes",
            int(sa.standings.iter().map(|st| st.votes_cast).sum::<u64>()),
        ),
        ("quota", mixed(sa.quota)),
        ("seats", seats),
        ("full_seats", full),
        ("residual_seat_order", Value::Array(order)),
    ];
    let with_candidates: HashSet<u32> = e
        .lists
        .iter()
        .filter(|l| l.candidates.is_some())
        .map(|l| l.number as u32)
        .collect();
    if !with_candidates.is_empty() {
        let cn = &d.candidate_nomination;
        let mut elected = vec![];
        let mut on_preference = vec![];
        let mut ranking = vec![];
        for l in cn
            .list_candidate_nomination
            .iter()
            .filter(|l| with_candidates.contains(&l.list_number))
        {
            let pref: Vec<Value> = l
                .preferential_candidate_nomination
                .iter()
                .map(|c| int(c.number))
                .collect();
            let mut all = pref.clone();
            all.extend(l.other_candidate_nomination.iter().map(|c| int(c.number)));
            elected.push((l.list_number, Value::Array(all)));
            on_preference.push((l.list_number, Value::Array(pref)));
            // P 19: the order for later vacancies (the crate leaves deceased candidates out). By
            // P 19 lid 5 a list without elected candidates is ranked only when fewer than 19
            // seats are allocated; for such a list with 19 seats or more the crate keeps the
            // original list order, which is then not reported.
            if l.list_seats > 0 || e.seats < 19 {
                let order = l.candidate_ranking.iter().map(|&n| int(n)).collect();
                ranking.push((l.list_number, Value::Array(order)));
            }
        }
        result.push((
            "preference_threshold",
            mixed(cn.preference_threshold.number_of_votes),
        ));
        result.push(("elected", keyed(elected.into_iter())));
        result.push(("elected_on_preference", keyed(on_preference.into_iter())));
        result.push(("ranking", keyed(ranking.into_iter())));
    }
    Answer::Completed(obj(result))
}

fn handle(case: &Value) -> Answer {
    let operation = case.get("operation").and_then(Value::as_str).unwrap_or("");
    if operation != "allocate" {
        return Answer::Skipped(format!(
            "operation {operation:?}: the crate allocates one contest only"
        ));
    }
    let e = match input::parse(case.get("input").unwrap_or(&Value::Null)) {
        Ok(e) => e,
        Err(problems) => {
            let errors = problems
                .into_iter()
                .map(|p| {
                    obj(vec![
                        ("field", s(&p.field)),
                        ("code", s(p.code)),
                        ("message", s(&p.message)),
                    ])
                })
                .collect();
            return Answer::Rejected(obj(vec![
                ("format", s(RESULT_FORMAT)),
                ("status", s("rejected")),
                ("errors", Value::Array(errors)),
            ]));
        }
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

fn answer_line(id: &Value, answer: Answer) -> String {
    let mut m = vec![("type", s("result")), ("id", id.clone())];
    match answer {
        Answer::Completed(r) => m.extend([("status", s("completed")), ("result", r)]),
        Answer::NeedsLot(r) => m.extend([("status", s("needs_lot")), ("result", r)]),
        Answer::Rejected(r) => m.extend([("status", s("rejected")), ("result", r)]),
        Answer::Skipped(msg) => m.extend([("status", s("skipped")), ("message", s(&msg))]),
        Answer::Errored(msg) => m.extend([("status", s("errored")), ("message", s(&msg))]),
    }
    json::to_string(&obj(m))
}

thread_local! {
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
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
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let msg = match json::parse(&line) {
            Ok(m) => m,
            Err(err) => {
                eprintln!("kieswet-abacus-adapter: a request line that is not JSON: {err}");
                std::process::exit(2);
            }
        };
        match msg.get("type").and_then(Value::as_str) {
            Some("start") => {
                let caps = obj(vec![
                    ("operations", Value::Array(vec![s("allocate")])),
                    ("kinds", Value::Array(vec![s("GR")])),
                    ("laws", Value::Array(vec![s("current")])),
                    ("profiles", Value::Array(vec![s("default")])),
                    ("candidates", Value::Bool(true)),
                    ("lots", Value::Bool(true)),
                ]);
                let started = obj(vec![
                    ("type", s("started")),
                    ("protocol", s(PROTOCOL)),
                    ("name", s("abacus-apportionment")),
                    ("version", s(env!("ABACUS_VERSION"))),
                    ("capabilities", caps),
                ]);
                let _ = writeln!(out, "{}", json::to_string(&started));
            }
            Some("run") => {
                if let Some(Value::Array(cases)) = msg.get("cases") {
                    for case in cases {
                        let id = case.get("id").cloned().unwrap_or(Value::Null);
                        let _ = writeln!(out, "{}", answer_line(&id, handle(case)));
                    }
                }
            }
            Some("stop") => {
                let _ = writeln!(
                    out,
                    "{}",
                    json::to_string(&obj(vec![("type", s("stopped"))]))
                );
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
