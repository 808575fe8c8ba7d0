//! Criterion benchmarks of answering: mean time per question of the mix on the shipped guide
//! and on generated guides of 1k–50k passages, and the bot's synchronous work per text update.
//! Words alone (`answer/…`, `update/…`) for every size; semantic mode (`answer-semantic/…`,
//! `update-semantic/…`) for the shipped guide and [`common::SEMANTIC_SIZES`] when
//! `GUIDEBOT_MODEL` names the embedding model (skipped with a note otherwise).

#[allow(dead_code)]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main,
};
use guidebot::answer::{Librarian, Mode};
use guidebot::config::Config;
use guidebot::reply::render;

/// Times one question per iteration, cycling through the mix.
fn bench_answers(c: &mut Criterion, size: &str, librarian: &Librarian, questions: &[String]) {
    let mut group = c.benchmark_group(group_name("answer", librarian));
    per_mode(&mut group, librarian);
    group.bench_function(BenchmarkId::from_parameter(size), |b| {
        let mut next = questions.iter().cycle();
        b.iter(|| librarian.answer(black_box(next.next().unwrap())))
    });
    group.finish();
}

/// What the bot's text handler does between receiving an update and sending the reply, minus
/// the network and the journal: answer in the chat's context (the last answer's section, as in
/// a conversation), list the topics, render the reply.
fn bench_update(c: &mut Criterion, size: &str, librarian: &Librarian, questions: &[String]) {
    let config = Config::default();
    let mut group = c.benchmark_group(group_name("update", librarian));
    group.measurement_time(Duration::from_secs(6));
    per_mode(&mut group, librarian);
    group.bench_function(BenchmarkId::from_parameter(size), |b| {
        let mut next = questions.iter().cycle();
        let mut last_topic = None;
        b.iter(|| {
            let answer = librarian.answer_in_context(black_box(next.next().unwrap()), last_topic);
            last_topic = answer.section.as_ref().map(|t| t.id).or(last_topic);
            render(&answer, &config, librarian.topics())
        })
    });
    group.finish();
}

/// `answer` or `answer-semantic`, as the librarian answers.
fn group_name(what: &str, librarian: &Librarian) -> String {
    match librarian.mode() {
        Mode::Words => what.to_string(),
        Mode::Semantic => format!("{what}-semantic"),
    }
}

/// A semantic answer takes milliseconds: criterion's default 100 linearly growing samples
/// would need 5,050 of them (over a minute), so twenty flat samples instead.
fn per_mode(group: &mut BenchmarkGroup<'_, WallTime>, librarian: &Librarian) {
    if librarian.mode() == Mode::Semantic {
        group.sample_size(20);
        group.sampling_mode(SamplingMode::Flat);
    }
}

fn answers(c: &mut Criterion) {
    let (questions, from) = common::questions();
    eprintln!("question mix: {from}");
    let model = common::model().map(|(model, _)| model);
    let knowledge = common::shipped_knowledge();
    let (librarian, _index) = common::librarian(&knowledge);
    let shipped = format!("shipped-{}", librarian.guide().passages.len());
    bench_answers(c, &shipped, &librarian, &questions);
    bench_update(c, &shipped, &librarian, &questions);
    drop(librarian);
    if let Some(model) = &model {
        let index = tempfile::tempdir().expect("a temporary directory");
        let (librarian, _) = common::semantic_librarian(&knowledge, index.path(), model);
        bench_answers(c, &shipped, &librarian, &questions);
        bench_update(c, &shipped, &librarian, &questions);
    }
    for &passages in common::SIZES {
        let knowledge = common::generated_knowledge(passages);
        let (librarian, _index) = common::librarian(knowledge.path());
        assert_eq!(librarian.guide().passages.len(), passages);
        let size = common::label(passages);
        bench_answers(c, &size, &librarian, &questions);
        if passages == *common::SIZES.last().unwrap() {
            bench_update(c, &size, &librarian, &questions);
        }
        drop(librarian);
        if let Some(model) = &model
            && common::SEMANTIC_SIZES.contains(&passages)
        {
            let index = common::semantic_index_dir(passages);
            let (librarian, _) = common::semantic_librarian(knowledge.path(), &index, model);
            bench_answers(c, &size, &librarian, &questions);
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = answers
}
criterion_main!(benches);
