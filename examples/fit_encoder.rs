//! Fine-tunes the top layers of the embedding model for questions: a question's vector, from
//! the tuned layers, moves towards the vector of the passage that answers it (read by the
//! unchanged model) and away from its guide's other passages. Reads what `scripts/adapter-data`
//! writes (with passage texts and question texts).
//!
//! ```sh
//! source scripts/model-env
//! cargo run --release --example fit_encoder -- DATA_DIR --folds 4      # cross-validated
//! cargo run --release --example fit_encoder -- DATA_DIR --out FILE      # fit on all
//! ```

use std::path::{Path, PathBuf};

use candle_core::{D, DType, Device, Tensor, Var};
use candle_nn::{Optimizer, ParamsAdamW, VarBuilder, VarMap};
use guidebot::embed::bert::{BertModel, Config, attention_bias};
use guidebot::embed::locate;
use tokenizers::{Tokenizer, TruncationParams};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

struct Question {
    lower: Tensor, // (1, len, dim): hidden states below the tuned layers
    base: Vec<f32>,
    right: Vec<usize>,
}

struct GuideData {
    name: String,
    passages: Tensor, // (n, dim), normalised
    questions: Vec<Question>,
}

struct Options {
    layers: usize,
    epochs: usize,
    lr: f64,
    tau: f64,
    batch: usize,
    pull: f64,
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data_dir = PathBuf::from(
        args.first()
            .ok_or("usage: fit_encoder DATA_DIR [options]")?,
    );
    let options = Options {
        layers: arg(&args, "--layers", 2),
        epochs: arg(&args, "--epochs", 3),
        lr: arg(&args, "--lr", 2e-5),
        tau: arg(&args, "--tau", 0.05),
        batch: arg(&args, "--batch", 16),
        pull: arg(&args, "--pull", 0.0),
    };
    let folds: usize = arg(&args, "--folds", 0);
    let unseen: String = arg(&args, "--unseen", String::new());
    let out: String = arg(&args, "--out", String::new());

    let model_dir = locate(None, false)?;
    let config: Config = serde_json::from_slice(&std::fs::read(model_dir.join("config.json"))?)?;
    let weights = model_dir.join("model.safetensors");
    let device = Device::Cpu;
    let base = {
        let bytes = std::fs::read(&weights)?;
        let vb = VarBuilder::from_slice_safetensors(&bytes, DType::F32, &device)?;
        BertModel::load(vb, &config)?
    };
    let mut tokenizer =
        Tokenizer::from_file(model_dir.join("tokenizer.json")).map_err(|e| e.to_string())?;
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams {
            max_length: 256,
            ..Default::default()
        }))
        .map_err(|e| e.to_string())?;
    let split = base.depth() - options.layers;

    let load = |dir: &Path| -> Res<Vec<GuideData>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        let mut guides = Vec::new();
        for file in files {
            let name = file.file_stem().unwrap().to_string_lossy().into_owned();
            let mut passages: Vec<Vec<f32>> = Vec::new();
            let mut questions = Vec::new();
            for line in std::fs::read_to_string(&file)?.lines() {
                let row: serde_json::Value = serde_json::from_str(line)?;
                if row.get("model_id").is_some() {
                    continue;
                }
                let vec: Vec<f32> = serde_json::from_value(row["vec"].clone())?;
                if row["kind"] == "p" {
                    passages.push(vec);
                    continue;
                }
                let right: Vec<usize> = serde_json::from_value(row["right"].clone())?;
                if right.is_empty() {
                    continue;
                }
                let text = row["q"].as_str().unwrap_or_default();
                let encoding = tokenizer.encode(text, true).map_err(|e| e.to_string())?;
                let ids = Tensor::new(encoding.get_ids(), &device)?.unsqueeze(0)?;
                let types = ids.zeros_like()?;
                let mask = ids.ones_like()?;
                let hidden = base.embed_tokens(&ids, &types)?;
                let lower = base.forward_layers(hidden, &attention_bias(&mask)?, 0..split)?;
                questions.push(Question {
                    lower,
                    base: vec,
                    right,
                });
            }
            let n = passages.len();
            let flat: Vec<f32> = passages.into_iter().flatten().collect();
            let dim = flat.len() / n.max(1);
            guides.push(GuideData {
                name,
                passages: Tensor::from_vec(flat, (n, dim), &device)?,
                questions,
            });
        }
        Ok(guides)
    };
    let guides = load(&data_dir)?;
    eprintln!(
        "{} guides, {} questions",
        guides.len(),
        guides.iter().map(|g| g.questions.len()).sum::<usize>()
    );
    let group = |name: &str| name.split('@').next().unwrap_or(name).to_string();

    if folds > 0 {
        let groups: Vec<String> = {
            let mut g: Vec<String> = guides.iter().map(|g| group(&g.name)).collect();
            g.sort();
            g.dedup();
            g
        };
        let (mut base_total, mut tuned_total, mut total) = (0, 0, 0);
        for fold in 0..folds {
            let held: Vec<&String> = groups
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds == fold)
                .map(|(_, g)| g)
                .collect();
            let train: Vec<&GuideData> = guides
                .iter()
                .filter(|g| !held.contains(&&group(&g.name)))
                .collect();
            let test: Vec<&GuideData> = guides
                .iter()
                .filter(|g| held.contains(&&group(&g.name)))
                .collect();
            let tuned = train_model(&config, &weights, &train, &options, &device)?;
            for g in test {
                let (b, t, n) = score(&tuned, g, split, &device)?;
                println!(
                    "{:32} nearest passage right: {b:3}/{n} -> {t:3}/{n} tuned",
                    g.name
                );
                base_total += b;
                tuned_total += t;
                total += n;
            }
        }
        println!(
            "{:32} nearest passage right: {base_total:3}/{total} -> {tuned_total:3}/{total} tuned",
            "total"
        );
    }
    // Tuned on every guide: saved (`--out FILE`), and measured on other guides (`--unseen DIR`).
    if !unseen.is_empty() || !out.is_empty() {
        let all: Vec<&GuideData> = guides.iter().collect();
        let tuned = train_model(&config, &weights, &all, &options, &device)?;
        if !unseen.is_empty() {
            let (mut bt, mut tt, mut nt) = (0, 0, 0);
            for g in &load(Path::new(&unseen))? {
                let (b, t, n) = score(&tuned, g, split, &device)?;
                bt += b;
                tt += t;
                nt += n;
            }
            println!("unseen total nearest passage right: {bt}/{nt} -> {tt}/{nt} tuned");
        }
        if !out.is_empty() {
            tuned.1.save(&out)?;
        }
    }
    Ok(())
}

fn pooled(model: &BertModel, lower: &Tensor, mask: &Tensor, split: usize) -> Res<Tensor> {
    let hidden =
        model.forward_layers(lower.clone(), &attention_bias(mask)?, split..model.depth())?;
    let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
    let mean = hidden
        .broadcast_mul(&m)?
        .sum(1)?
        .broadcast_div(&m.sum(1)?)?;
    let norms = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
    Ok(mean.broadcast_div(&norms)?)
}

fn batch_of(questions: &[&Question], device: &Device) -> Res<(Tensor, Tensor)> {
    let width = questions
        .iter()
        .map(|q| q.lower.dim(1).unwrap())
        .max()
        .unwrap();
    let mut rows = Vec::new();
    let mut mask = Vec::new();
    for q in questions {
        let len = q.lower.dim(1)?;
        let row = if len < width {
            let dim = q.lower.dim(2)?;
            Tensor::cat(
                &[
                    &q.lower,
                    &Tensor::zeros((1, width - len, dim), DType::F32, device)?,
                ],
                1,
            )?
        } else {
            q.lower.clone()
        };
        rows.push(row);
        mask.extend((0..width).map(|i| u32::from(i < len)));
    }
    Ok((
        Tensor::cat(&rows, 0)?,
        Tensor::from_vec(mask, (questions.len(), width), device)?,
    ))
}

fn train_model(
    config: &Config,
    weights: &Path,
    guides: &[&GuideData],
    o: &Options,
    device: &Device,
) -> Res<(BertModel, VarMap)> {
    let mut varmap = VarMap::new();
    let model = BertModel::load_differentiable(
        VarBuilder::from_varmap(&varmap, DType::F32, device),
        config,
    )?;
    varmap.load(weights)?;
    let split = model.depth() - o.layers;
    let trainable: Vec<(String, Var)> = varmap
        .data()
        .lock()
        .unwrap()
        .iter()
        .filter(|(name, _)| {
            (split..model.depth()).any(|i| name.starts_with(&format!("encoder.layer.{i}.")))
        })
        .map(|(n, v)| (n.clone(), v.clone()))
        .collect();
    eprintln!(
        "{} tensors to tune, e.g. {:?}; {} in the map",
        trainable.len(),
        trainable.first().map(|t| &t.0),
        varmap.all_vars().len()
    );
    let initial: Vec<Tensor> = trainable
        .iter()
        .map(|(_, v)| v.as_tensor().copy())
        .collect::<Result<_, _>>()?;
    let mut optimizer = candle_nn::AdamW::new(
        trainable.iter().map(|(_, v)| v.clone()).collect(),
        ParamsAdamW {
            lr: o.lr,
            weight_decay: 0.0,
            ..Default::default()
        },
    )?;
    // Batches: up to `batch` questions of one guide.
    let mut batches: Vec<(usize, Vec<usize>)> = Vec::new();
    for (gi, g) in guides.iter().enumerate() {
        for chunk in (0..g.questions.len()).collect::<Vec<_>>().chunks(o.batch) {
            batches.push((gi, chunk.to_vec()));
        }
    }
    let mut seed = 0x9E3779B97F4A7C15u64;
    for epoch in 0..o.epochs {
        // Shuffle the batches (xorshift).
        for i in (1..batches.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            batches.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let mut total = 0.0;
        for (gi, qs) in &batches {
            let g = guides[*gi];
            let questions: Vec<&Question> = qs.iter().map(|&i| &g.questions[i]).collect();
            let (lower, mask) = batch_of(&questions, device)?;
            let q = pooled(&model, &lower, &mask, split)?;
            let logits = (q.matmul(&g.passages.t()?)? / o.tau)?; // (b, n)
            let n = g.passages.dim(0)?;
            let mut right_bias = Vec::new();
            for question in &questions {
                right_bias.extend((0..n).map(|j| {
                    if question.right.contains(&j) {
                        0f32
                    } else {
                        -1e9
                    }
                }));
            }
            let right_bias = Tensor::from_vec(right_bias, (questions.len(), n), device)?;
            let lse_all = logits.log_sum_exp(D::Minus1)?;
            let lse_right = (&logits + right_bias)?.log_sum_exp(D::Minus1)?;
            let mut loss = (lse_all - lse_right)?.mean_all()?;
            if o.pull > 0.0 {
                let mut reg = Tensor::zeros((), DType::F32, device)?;
                for ((_, v), w0) in trainable.iter().zip(&initial) {
                    reg = (reg + (v.as_tensor() - w0)?.sqr()?.sum_all()?)?;
                }
                loss = (loss + (reg * o.pull)?)?;
            }
            total += loss.to_scalar::<f32>()?;
            optimizer.backward_step(&loss)?;
        }
        eprintln!(
            "epoch {epoch}: mean loss {:.4}",
            total / batches.len() as f32
        );
    }
    // Keep only the tuned layers in the saved map.
    let tuned = VarMap::new();
    {
        let mut data = tuned.data().lock().unwrap();
        for (name, var) in trainable {
            data.insert(name, var);
        }
    }
    Ok((model, tuned))
}

fn score(
    tuned: &(BertModel, VarMap),
    g: &GuideData,
    split: usize,
    device: &Device,
) -> Res<(usize, usize, usize)> {
    let (mut b, mut t) = (0, 0);
    let passages: Vec<Vec<f32>> = g.passages.to_vec2()?;
    let argmax = |v: &[f32]| {
        passages
            .iter()
            .map(|p| p.iter().zip(v).map(|(x, y)| x * y).sum::<f32>())
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
            .unwrap_or(0)
    };
    for q in &g.questions {
        let (lower, mask) = batch_of(&[q], device)?;
        let v: Vec<f32> = pooled(&tuned.0, &lower, &mask, split)?
            .squeeze(0)?
            .to_vec1()?;
        if q.right.contains(&argmax(&q.base)) {
            b += 1;
        }
        if q.right.contains(&argmax(&v)) {
            t += 1;
        }
    }
    Ok((b, t, g.questions.len()))
}
