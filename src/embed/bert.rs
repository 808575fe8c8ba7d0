//! The BERT encoder that sentence-transformers models such as all-MiniLM-L6-v2 are made of:
//! embeddings, then self-attention layers, written with candle-nn's building blocks.
//!
//! It follows `candle_transformers::models::bert` (and Hugging Face's `modeling_bert.py`) layer
//! for layer, without dropout, for inference and (through [`BertModel::load_differentiable`])
//! for fine-tuning its top layers (`examples/fit_encoder.rs`). guidebot keeps this one model
//! here rather than depending on candle-transformers, whose hundred other models cost about
//! 100 s of CPU (close to a minute of wall clock on 2 cores) in every cold build;
//! `tests/embedding.rs` checks that the vectors still match the Python library's.

use candle_core::{D, DType, Module, Result, Tensor};
use candle_nn::{Embedding, LayerNorm, Linear, VarBuilder, embedding, layer_norm, linear};
use serde::Deserialize;

/// The activation between a layer's two dense projections (`hidden_act` in `config.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// The exact GELU (BERT's and MiniLM's).
    Gelu,
    /// The tanh approximation of GELU.
    #[serde(alias = "gelu_pytorch_tanh")]
    GeluNew,
    Relu,
}

/// What `config.json` of a BERT model says about its shape.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub hidden_act: Activation,
    pub max_position_embeddings: usize,
    pub type_vocab_size: usize,
    pub layer_norm_eps: f64,
    #[serde(default)]
    pub pad_token_id: usize,
}

/// Layer normalisation: candle's fused kernel for inference, or the same formula in plain
/// tensor operations, through which gradients flow, for fine-tuning (the fused kernel has no
/// backward pass).
struct Norm {
    inner: LayerNorm,
    differentiable: bool,
}

impl Norm {
    fn load(width: usize, eps: f64, vb: VarBuilder, differentiable: bool) -> Result<Self> {
        Ok(Self {
            inner: layer_norm(width, eps, vb)?,
            differentiable,
        })
    }

    fn forward(&self, xs: &Tensor) -> Result<Tensor> {
        if !self.differentiable {
            return self.inner.forward(xs);
        }
        let width = xs.dim(D::Minus1)? as f64;
        let centred = xs.broadcast_sub(&(xs.sum_keepdim(D::Minus1)? / width)?)?;
        let variance = (centred.sqr()?.sum_keepdim(D::Minus1)? / width)?;
        let normed = centred.broadcast_div(&(variance + self.inner.eps())?.sqrt()?)?;
        let scaled = normed.broadcast_mul(self.inner.weight())?;
        match self.inner.bias() {
            Some(bias) => scaled.broadcast_add(bias),
            None => Ok(scaled),
        }
    }
}

/// Token, position and token-type embeddings, added and normalised.
struct Embeddings {
    words: Embedding,
    positions: Embedding,
    token_types: Embedding,
    norm: Norm,
}

impl Embeddings {
    fn load(vb: VarBuilder, config: &Config, differentiable: bool) -> Result<Self> {
        let width = config.hidden_size;
        Ok(Self {
            words: embedding(config.vocab_size, width, vb.pp("word_embeddings"))?,
            positions: embedding(
                config.max_position_embeddings,
                width,
                vb.pp("position_embeddings"),
            )?,
            token_types: embedding(
                config.type_vocab_size,
                width,
                vb.pp("token_type_embeddings"),
            )?,
            norm: Norm::load(
                width,
                config.layer_norm_eps,
                vb.pp("LayerNorm"),
                differentiable,
            )?,
        })
    }

    fn forward(&self, ids: &Tensor, type_ids: &Tensor) -> Result<Tensor> {
        let (_, length) = ids.dims2()?;
        let positions: Vec<u32> = (0..length as u32).collect();
        let positions = Tensor::new(positions.as_slice(), ids.device())?;
        let sum = (self.words.forward(ids)? + self.token_types.forward(type_ids)?)?
            .broadcast_add(&self.positions.forward(&positions)?)?;
        self.norm.forward(&sum)
    }
}

/// Multi-head self-attention with its output projection and residual normalisation.
struct Attention {
    query: Linear,
    key: Linear,
    value: Linear,
    output: Linear,
    norm: Norm,
    heads: usize,
    head_width: usize,
}

impl Attention {
    fn load(vb: VarBuilder, config: &Config, differentiable: bool) -> Result<Self> {
        let width = config.hidden_size;
        let (own, out) = (vb.pp("self"), vb.pp("output"));
        Ok(Self {
            query: linear(width, width, own.pp("query"))?,
            key: linear(width, width, own.pp("key"))?,
            value: linear(width, width, own.pp("value"))?,
            output: linear(width, width, out.pp("dense"))?,
            norm: Norm::load(
                width,
                config.layer_norm_eps,
                out.pp("LayerNorm"),
                differentiable,
            )?,
            heads: config.num_attention_heads,
            head_width: width / config.num_attention_heads,
        })
    }

    /// (batch, length, width) → (batch, heads, length, head width).
    fn split_heads(&self, xs: &Tensor) -> Result<Tensor> {
        let (batch, length, _) = xs.dims3()?;
        xs.reshape((batch, length, self.heads, self.head_width))?
            .transpose(1, 2)?
            .contiguous()
    }

    fn forward(&self, hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let query = self.split_heads(&self.query.forward(hidden)?)?;
        let key = self.split_heads(&self.key.forward(hidden)?)?;
        let value = self.split_heads(&self.value.forward(hidden)?)?;
        let scores = (query.matmul(&key.t()?)? / (self.head_width as f64).sqrt())?;
        let weights = candle_nn::ops::softmax(&scores.broadcast_add(mask)?, D::Minus1)?;
        let context = weights
            .matmul(&value)?
            .transpose(1, 2)?
            .contiguous()?
            .flatten_from(D::Minus2)?;
        self.norm
            .forward(&(self.output.forward(&context)? + hidden)?)
    }
}

/// One encoder layer: attention, then the feed-forward block with its residual normalisation.
struct Layer {
    attention: Attention,
    up: Linear,
    activation: Activation,
    down: Linear,
    norm: Norm,
}

impl Layer {
    fn load(vb: VarBuilder, config: &Config, differentiable: bool) -> Result<Self> {
        let (width, inner) = (config.hidden_size, config.intermediate_size);
        Ok(Self {
            attention: Attention::load(vb.pp("attention"), config, differentiable)?,
            up: linear(width, inner, vb.pp("intermediate").pp("dense"))?,
            activation: config.hidden_act,
            down: linear(inner, width, vb.pp("output").pp("dense"))?,
            norm: Norm::load(
                width,
                config.layer_norm_eps,
                vb.pp("output").pp("LayerNorm"),
                differentiable,
            )?,
        })
    }

    fn forward(&self, hidden: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let attended = self.attention.forward(hidden, mask)?;
        let inner = self.up.forward(&attended)?;
        let inner = match self.activation {
            Activation::Gelu => inner.gelu_erf()?,
            Activation::GeluNew => inner.gelu()?,
            Activation::Relu => inner.relu()?,
        };
        self.norm.forward(&(self.down.forward(&inner)? + attended)?)
    }
}

/// A BERT encoder: token vectors for a batch of token ids.
pub struct BertModel {
    embeddings: Embeddings,
    layers: Vec<Layer>,
}

impl BertModel {
    /// Loads the weights, named as in Hugging Face checkpoints (with or without `bert.`).
    pub fn load(vb: VarBuilder, config: &Config) -> Result<Self> {
        Self::load_with(vb, config, false)
    }

    /// [`BertModel::load`], with every operation differentiable: for fine-tuning (slower).
    pub fn load_differentiable(vb: VarBuilder, config: &Config) -> Result<Self> {
        Self::load_with(vb, config, true)
    }

    fn load_with(vb: VarBuilder, config: &Config, differentiable: bool) -> Result<Self> {
        if config.num_attention_heads == 0
            || !config
                .hidden_size
                .is_multiple_of(config.num_attention_heads)
        {
            candle_core::bail!("hidden_size must be a multiple of num_attention_heads");
        }
        let vb = if vb.contains_tensor("bert.embeddings.word_embeddings.weight") {
            vb.pp("bert")
        } else {
            vb
        };
        let encoder = vb.pp("encoder");
        Ok(Self {
            embeddings: Embeddings::load(vb.pp("embeddings"), config, differentiable)?,
            layers: (0..config.num_hidden_layers)
                .map(|i| Layer::load(encoder.pp(format!("layer.{i}")), config, differentiable))
                .collect::<Result<_>>()?,
        })
    }

    /// (batch, length) ids, type ids and attention mask (1 for real tokens) → (batch, length,
    /// width) token vectors.
    pub fn forward(&self, ids: &Tensor, type_ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let hidden = self.embeddings.forward(ids, type_ids)?;
        self.forward_layers(hidden, &attention_bias(mask)?, 0..self.layers.len())
    }

    /// Runs `layers` of the encoder on token vectors (the embeddings' output, or an earlier
    /// layer's), with the bias from [`attention_bias`]: the top layers alone, when only they
    /// differ between two models.
    pub fn forward_layers(
        &self,
        mut hidden: Tensor,
        bias: &Tensor,
        layers: std::ops::Range<usize>,
    ) -> Result<Tensor> {
        for layer in &self.layers[layers] {
            hidden = layer.forward(&hidden, bias)?;
        }
        Ok(hidden)
    }

    /// The token vectors before the first layer: (batch, length) ids → (batch, length, width).
    pub fn embed_tokens(&self, ids: &Tensor, type_ids: &Tensor) -> Result<Tensor> {
        self.embeddings.forward(ids, type_ids)
    }

    /// How many encoder layers the model has.
    pub fn depth(&self) -> usize {
        self.layers.len()
    }
}

/// The attention mask (batch, length; 1 for real tokens) as the bias attention adds to its
/// scores: padding gets the lowest score, so it takes no part in attention.
pub fn attention_bias(mask: &Tensor) -> Result<Tensor> {
    let mask = mask.unsqueeze(1)?.unsqueeze(1)?.to_dtype(DType::F32)?;
    (mask.ones_like()? - &mask)?.affine(f64::from(f32::MIN), 0.0)
}
