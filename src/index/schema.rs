//! The index schema: one document per passage, with its section title as a separate field.

use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema or its analysis changes, so older indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// The tokenizer both fields use: tantivy's built-in English stemming analyzer.
pub const TOKENIZER: &str = "en_stem";

#[derive(Debug, Clone, Copy)]
pub struct GuideFields {
    /// The passage's id in the [`crate::knowledge::Guide`].
    pub passage: Field,
    /// The section path ("Preparation for the Procedure › Bone Marrow Aspiration").
    pub section: Field,
    /// The passage text.
    pub body: Field,
}

pub fn build() -> (Schema, GuideFields) {
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut builder = Schema::builder();
    let fields = GuideFields {
        passage: builder.add_u64_field("passage", INDEXED | STORED),
        section: builder.add_text_field("section", text.clone()),
        body: builder.add_text_field("body", text),
    };
    (builder.build(), fields)
}

/// The fields of an existing schema, if it is ours.
pub fn fields_of(schema: &Schema) -> Option<GuideFields> {
    Some(GuideFields {
        passage: schema.get_field("passage").ok()?,
        section: schema.get_field("section").ok()?,
        body: schema.get_field("body").ok()?,
    })
}
