//! Checks that the fake Telegram server behaves like the Bot API as seen through teloxide.

mod support;

use std::time::Duration;

use support::fake_telegram::{BOT_USERNAME, Failure, FakeTelegram};
use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{
        BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntityKind, MessageId,
        ParseMode, UpdateKind,
    },
};

const CHAT: i64 = 4242;
const USER: i64 = 4242;
const WAIT: Duration = Duration::from_secs(5);

async fn send_html(bot: &Bot, text: &str) -> Result<Message, RequestError> {
    bot.send_message(ChatId(CHAT), text)
        .parse_mode(ParseMode::Html)
        .await
}

fn api_error(result: Result<Message, RequestError>) -> ApiError {
    match result {
        Err(RequestError::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn keyboard(data: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Press", data)]])
}

async fn updates(bot: &Bot, offset: Option<i32>) -> Vec<Update> {
    let request = bot.get_updates();
    let request = match offset {
        Some(offset) => request.offset(offset),
        None => request,
    };
    request.await.expect("getUpdates succeeds")
}

fn message_of(update: &Update) -> &Message {
    match &update.kind {
        UpdateKind::Message(message) => message,
        other => panic!("expected a message update, got {other:?}"),
    }
}

#[tokio::test]
async fn get_me_describes_the_bot() {
    let fake = FakeTelegram::start().await;
    let me = fake.bot().get_me().await.expect("getMe succeeds");
    assert_eq!(me.username(), BOT_USERNAME);
    assert!(me.is_bot);
    assert_eq!(me.first_name, "Guidebot");
    assert_eq!(fake.calls("getMe"), 1);
    assert_eq!(fake.calls("GETME"), 1, "method names are case-insensitive");
}

#[tokio::test]
async fn valid_html_is_accepted_and_recorded() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let html = "<b>Hours</b> &amp; <a href=\"https://example.org/?a=1&amp;b=2\">map</a>\n\
                <blockquote expandable>Open <i>daily</i> &#60;9&#x3E;</blockquote>\n";
    let message = send_html(&bot, html).await.expect("valid HTML is accepted");
    assert_eq!(message.text(), Some("Hours & map\nOpen daily <9>"));
    let kinds: Vec<_> = message
        .entities()
        .unwrap_or_default()
        .iter()
        .map(|e| e.kind.clone())
        .collect();
    assert!(kinds.contains(&MessageEntityKind::Bold), "{kinds:?}");
    assert!(
        kinds.contains(&MessageEntityKind::ExpandableBlockquote),
        "{kinds:?}"
    );

    let second = send_html(&bot, "<blockquote>quote</blockquote> 🙂")
        .await
        .expect("accepted");
    assert!(second.id.0 > message.id.0, "message ids increase per chat");

    let sent = fake.sent();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].text, html);
    assert_eq!(sent[0].visible_text, "Hours & map\nOpen daily <9>");
    assert_eq!(sent[0].parse_mode.as_deref(), Some("HTML"));
    assert_eq!(
        (sent[0].chat_id, sent[0].method.as_str()),
        (CHAT, "sendMessage")
    );
    assert_eq!(sent[1].message_id, second.id.0);
    assert!(fake.rejected().is_empty());
}

#[tokio::test]
async fn invalid_html_is_rejected_like_telegram() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    for html in [
        "<b>x",
        "a < b",
        "<div>x</div>",
        "<b>x</i>",
        "x</b>",
        "fish & chips",
        "&nbsp;",
        "<span>x</span>",
    ] {
        let error = api_error(send_html(&bot, html).await);
        assert!(
            matches!(error, ApiError::CantParseEntities(_)),
            "{html:?} gave {error:?}"
        );
    }
    assert!(fake.sent().is_empty());
    let rejected = fake.rejected();
    assert_eq!(rejected.len(), 8);
    assert_eq!(rejected[0].text.as_deref(), Some("<b>x"));
    assert!(
        rejected[1]
            .reason
            .starts_with("Bad Request: can't parse entities: Unsupported start tag \"\"")
    );
    assert_eq!(fake.calls("sendMessage"), 8);
}

#[tokio::test]
async fn empty_and_overlong_texts_are_rejected() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    for text in ["", " \n\t", "<b> </b>"] {
        assert_eq!(
            api_error(send_html(&bot, text).await),
            ApiError::MessageTextIsEmpty,
            "{text:?}"
        );
    }
    let limit = "a".repeat(4096);
    send_html(&bot, &limit).await.expect("4096 characters fit");
    send_html(&bot, &format!("<b>{limit}</b>"))
        .await
        .expect("tags do not count");
    assert_eq!(
        api_error(send_html(&bot, &"a".repeat(4097)).await),
        ApiError::MessageIsTooLong
    );
    // Emoji outside the BMP take two UTF-16 code units.
    assert_eq!(
        api_error(send_html(&bot, &"🙂".repeat(2049)).await),
        ApiError::MessageIsTooLong
    );
    assert_eq!(fake.sent().len(), 2);
}

#[tokio::test]
async fn callback_data_is_limited_to_64_bytes() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let ok = bot
        .send_message(ChatId(CHAT), "pick")
        .reply_markup(keyboard(&"x".repeat(64)))
        .await;
    assert!(ok.is_ok(), "{ok:?}");
    let too_long = bot
        .send_message(ChatId(CHAT), "pick")
        .reply_markup(keyboard(&"é".repeat(33)))
        .await;
    assert_eq!(api_error(too_long), ApiError::ButtonDataInvalid);
    let sent = fake.sent();
    assert_eq!(sent.len(), 1);
    let markup = sent[0].reply_markup.as_ref().expect("markup recorded");
    assert_eq!(
        markup["inline_keyboard"][0][0]["callback_data"],
        "x".repeat(64)
    );
}

#[tokio::test]
async fn injected_429_surfaces_as_retry_after() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    fake.fail_next("sendMessage", Failure::TooManyRequests { retry_after: 7 });
    fake.fail_next("sendMessage", Failure::bot_blocked());
    match bot.send_message(ChatId(CHAT), "hi").await {
        Err(RequestError::RetryAfter(seconds)) => assert_eq!(seconds.seconds(), 7),
        other => panic!("expected RetryAfter, got {other:?}"),
    }
    assert_eq!(
        api_error(bot.send_message(ChatId(CHAT), "hi").await),
        ApiError::BotBlocked
    );
    bot.send_message(ChatId(CHAT), "hi")
        .await
        .expect("failures are used up");
    assert_eq!(fake.calls("sendMessage"), 3);
    assert_eq!(fake.sent().len(), 1);
    assert!(
        fake.rejected().is_empty(),
        "injected failures are not rejections"
    );
}

/// Slow by necessity: teloxide sleeps 10 s after any 5xx before returning the error.
#[tokio::test]
async fn injected_server_error_surfaces_as_an_error() {
    let fake = FakeTelegram::start().await;
    fake.fail_next("getMe", Failure::ServerError(500));
    let result = fake.bot().get_me().await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(fake.calls("getMe"), 1);
}

#[tokio::test]
async fn server_error_has_telegram_shape() {
    let fake = FakeTelegram::start().await;
    fake.fail_next("getMe", Failure::ServerError(502));
    // `Url::join` would read "bot123:" as a URL scheme.
    let url = format!("{}bot123:TEST/getMe", fake.api_url());
    let response = reqwest::Client::new()
        .post(url)
        .send()
        .await
        .expect("request succeeds");
    assert_eq!(response.status().as_u16(), 502);
    let body = response.text().await.expect("body");
    let body: serde_json::Value = serde_json::from_str(&body).expect("JSON body");
    assert_eq!(
        body,
        serde_json::json!({"ok": false, "error_code": 502, "description": "Internal Server Error"})
    );
}

#[tokio::test]
async fn get_updates_delivers_pushed_updates_and_honours_offset() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let first_id = fake.push_text(CHAT, USER, "/start payload");
    let second_id = fake.push_text(CHAT, USER, "What are your hours?");
    assert!(second_id > first_id);

    let batch = updates(&bot, None).await;
    assert_eq!(batch.len(), 2);
    let start = message_of(&batch[0]);
    assert_eq!(
        (start.id.0, start.text()),
        (first_id, Some("/start payload"))
    );
    assert!(start.chat.is_private());
    assert_eq!(
        start.from.as_ref().and_then(|u| u.language_code.as_deref()),
        Some("en")
    );
    let entities = start.entities().expect("entities");
    assert_eq!(
        (
            entities[0].kind.clone(),
            entities[0].offset,
            entities[0].length
        ),
        (MessageEntityKind::BotCommand, 0, 6)
    );

    let next = batch[1].id.as_offset();
    assert_eq!(
        updates(&bot, Some(next - 1)).await.len(),
        1,
        "offset confirms earlier updates"
    );
    assert!(updates(&bot, Some(next)).await.is_empty());
    assert_eq!(fake.confirmed_offset(), i64::from(next));
    assert_eq!(fake.pending_updates(), 0);
}

#[tokio::test]
async fn long_poll_wakes_up_on_push() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let pusher = fake.clone();
    let push = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        pusher.push_text(CHAT, USER, "late")
    });
    let started = tokio::time::Instant::now();
    let batch = bot
        .get_updates()
        .timeout(30)
        .await
        .expect("getUpdates succeeds");
    assert_eq!(batch.len(), 1);
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    push.await.expect("push task");

    let idle = tokio::time::Instant::now();
    let offset = batch[0].id.as_offset();
    assert!(
        bot.get_updates()
            .offset(offset)
            .timeout(30)
            .await
            .expect("ok")
            .is_empty()
    );
    assert!(
        idle.elapsed() < Duration::from_secs(2),
        "long polls are capped at one second"
    );
}

#[tokio::test]
async fn callbacks_edits_and_commands() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let sent = bot
        .send_message(ChatId(CHAT), "Choose")
        .reply_markup(keyboard("topic:1"))
        .await
        .expect("sent");
    let callback_id = fake.push_callback(CHAT, USER, sent.id.0, "topic:1");
    let batch = updates(&bot, None).await;
    let UpdateKind::CallbackQuery(query) = &batch[0].kind else {
        panic!("{batch:?}")
    };
    assert_eq!(
        (query.id.0.as_str(), query.data.as_deref()),
        (callback_id.as_str(), Some("topic:1"))
    );
    let message = query.regular_message().expect("accessible bot message");
    assert_eq!((message.id, message.text()), (sent.id, Some("Choose")));

    bot.answer_callback_query(query.id.clone())
        .await
        .expect("first answer");
    let again = bot.answer_callback_query(query.id.clone()).await;
    assert!(
        matches!(again, Err(RequestError::Api(ApiError::InvalidQueryId))),
        "{again:?}"
    );
    assert_eq!(fake.answered_callbacks(), vec![callback_id]);

    fake.push_callback(CHAT, USER, 999, "stale");
    let offset = batch[0].id.as_offset();
    let stale = updates(&bot, Some(offset)).await;
    let UpdateKind::CallbackQuery(stale) = &stale[0].kind else {
        panic!("{stale:?}")
    };
    assert!(
        stale.message.is_some() && stale.regular_message().is_none(),
        "{stale:?}"
    );

    let edit = bot
        .edit_message_text(ChatId(CHAT), sent.id, "<i>Chosen</i>")
        .parse_mode(ParseMode::Html);
    assert_eq!(edit.await.expect("edited").text(), Some("Chosen"));
    let same = bot
        .edit_message_text(ChatId(CHAT), sent.id, "<i>Chosen</i>")
        .parse_mode(ParseMode::Html)
        .await;
    assert_eq!(api_error(same), ApiError::MessageNotModified);
    let missing = bot
        .edit_message_text(ChatId(CHAT), MessageId(999), "x")
        .await;
    assert_eq!(api_error(missing), ApiError::MessageToEditNotFound);
    let last = fake.sent().pop().expect("edit recorded");
    assert_eq!(
        (last.method.as_str(), last.message_id, last.reply_markup),
        ("editMessageText", sent.id.0, None)
    );

    bot.set_my_commands([BotCommand::new("start", "Start over")])
        .await
        .expect("valid commands");
    assert_eq!(
        fake.commands(),
        vec![("start".to_owned(), "Start over".to_owned())]
    );
    let invalid = bot
        .set_my_commands([BotCommand::new("Start-Now", "x")])
        .await;
    assert!(invalid.is_err());
    assert_eq!(
        fake.commands().len(),
        1,
        "a rejected call keeps the old commands"
    );
}

#[tokio::test]
async fn group_messages_and_raw_updates() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let group = -100_123;
    bot.send_message(ChatId(group), "Earlier answer")
        .await
        .expect("sent");
    fake.push_group_text(group, USER, "@guidebot_test_bot and Sundays?", true);
    let mut sticker = fake.incoming_message_json(CHAT, USER, "");
    sticker.as_object_mut().expect("object").remove("text");
    sticker["sticker"] = serde_json::json!({
        "file_id": "f", "file_unique_id": "u", "type": "regular",
        "width": 512, "height": 512, "is_animated": false, "is_video": false,
    });
    fake.push_update(serde_json::json!({ "message": sticker }));

    let batch = updates(&bot, None).await;
    assert_eq!(batch.len(), 2);
    let question = message_of(&batch[0]);
    assert!(question.chat.is_supergroup());
    let replied = question.reply_to_message().expect("reply to the bot");
    assert_eq!(replied.text(), Some("Earlier answer"));
    assert!(replied.from.as_ref().is_some_and(|from| from.is_bot));
    let mention = &question.entities().expect("entities")[0];
    assert_eq!(
        (mention.kind.clone(), mention.length),
        (MessageEntityKind::Mention, 18)
    );
    assert!(message_of(&batch[1]).sticker().is_some(), "{:?}", batch[1]);
}

#[tokio::test]
async fn dispatcher_runs_against_the_fake() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let handler = Update::filter_message().endpoint(|bot: Bot, message: Message| async move {
        let echo = format!("<b>echo:</b> {}", message.text().unwrap_or_default());
        bot.send_message(message.chat.id, echo)
            .parse_mode(ParseMode::Html)
            .await?;
        respond(())
    });
    let mut dispatcher = Dispatcher::builder(bot, handler).build();
    let shutdown = dispatcher.shutdown_token();
    let running = tokio::spawn(async move { dispatcher.dispatch().await });

    fake.push_text(CHAT, USER, "hello");
    let sent = fake.wait_for_sent(1, WAIT).await;
    assert_eq!(sent[0].visible_text, "echo: hello");
    assert_eq!(fake.calls("getMe"), 1);
    assert_eq!(fake.calls("getWebhookInfo"), 1);
    assert!(fake.calls("getUpdates") >= 1);
    assert_eq!(fake.allowed_updates(), Some(vec!["message".to_owned()]));

    shutdown.shutdown().expect("dispatcher is running").await;
    running.await.expect("dispatcher task");
    assert_eq!(
        fake.pending_updates(),
        0,
        "graceful shutdown confirms handled updates"
    );
}
