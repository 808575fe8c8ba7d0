//! Criterion benchmarks of start-up work: loading the guide, building the tantivy index,
//! opening a built index with the librarian, and preparing the librarian's word tables, for the
//! shipped guide and a generated 50k-passage one.

#[allow(dead_code)]
mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use guidebot::answer::Librarian;
use guidebot::index::{GuideIndex, open_or_build};
use guidebot::knowledge::Guide;

fn startup(c: &mut Criterion, size: &str, knowledge: &Path, large: bool) {
    let guide = Guide::load(knowledge).expect("the guide loads");
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let index_dir = tempfile::tempdir().expect("a temporary directory");
    // A built, current index for the benchmarks that open one.
    drop(Librarian::open(knowledge, index_dir.path(), None).expect("the guide indexes"));
    let mut group = c.benchmark_group("startup");
    group.sample_size(50);
    if large {
        // One run takes seconds: ten single runs, not criterion's 1+2+…+10 runs.
        group.sample_size(10);
        group.sampling_mode(SamplingMode::Flat);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(20));
    }
    group.bench_function(BenchmarkId::new("load_guide", size), |b| {
        b.iter(|| Guide::load(black_box(knowledge)).unwrap())
    });
    group.bench_function(BenchmarkId::new("index_build", size), |b| {
        b.iter(|| GuideIndex::build(&guide, scratch.path(), "bench").unwrap())
    });
    group.bench_function(BenchmarkId::new("librarian_new", size), |b| {
        b.iter_batched(
            || {
                let (guide, index, rebuilt) = open_or_build(knowledge, index_dir.path()).unwrap();
                assert!(rebuilt.is_none(), "the index should be current");
                (guide, index)
            },
            |(guide, index)| Librarian::new(guide, index),
            BatchSize::PerIteration,
        )
    });
    group.bench_function(BenchmarkId::new("open_built", size), |b| {
        b.iter(|| Librarian::open(black_box(knowledge), index_dir.path(), None).unwrap())
    });
    group.finish();
}

fn builds(c: &mut Criterion) {
    let shipped = common::shipped_knowledge();
    let passages = Guide::load(&shipped).unwrap().passages.len();
    startup(c, &format!("shipped-{passages}"), &shipped, false);
    let big = *common::SIZES.last().unwrap();
    let knowledge = common::generated_knowledge(big);
    startup(c, &common::label(big), knowledge.path(), true);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = builds
}
criterion_main!(benches);
