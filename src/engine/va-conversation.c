/* va-conversation.c — one conversation with a bot: the runtime
 *
 * A conversation is a stack of active topics (VaFrame), the variables, and a queue of user
 * messages that arrived while an HTTP request was under way. A user message either answers the
 * question that waits on top of the stack, or goes to the recognizer, which starts a topic,
 * "Multiple topics matched" or Fallback. Running stops when a question waits, an HTTP request
 * starts, or the conversation ends or is handed off. Everything that happens is told as a
 * VaEvent through the "event" signal, the one stream the test chat and the CLI both read.
 *
 * This file holds the object itself: its state, the events it emits, and its public setters and
 * getters. va-conversation-private.h says which sibling file holds the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "va-bot-recognizer.h"
#include "va-conversation-private.h"
#include "va-variable.h"

G_DEFINE_FINAL_TYPE (VaConversation, va_conversation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BOT,
  PROP_RECOGNIZER,
  PROP_STATE,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* {{{ Frames and state */

static void
frame_free (VaFrame *frame)
{
  g_clear_object (&frame->topic);
  g_free (frame->node_id);
  g_free (frame->resume_id);
  g_clear_pointer (&frame->candidates, g_ptr_array_unref);
  g_free (frame);
}

VaFrame *
va_conversation_top (VaConversation *self)
{
  if (self->stack->len == 0)
    return NULL;
  return g_ptr_array_index (self->stack, self->stack->len - 1);
}

void
va_conversation_set_state (VaConversation      *self,
           VaConversationState  state)
{
  gboolean was_busy = self->state == VA_CONVERSATION_STATE_BUSY;

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_busy != (state == VA_CONVERSATION_STATE_BUSY))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

VaEvent *
va_conversation_event_new (VaConversation *self,
                           VaEventKind     kind)
{
  VaEvent *event = va_event_new (kind);
  VaFrame *frame = va_conversation_top (self);

  event->turn = self->turn;
  if (frame != NULL)
    {
      event->topic_id = g_strdup (va_topic_get_id (frame->topic));
      event->topic_name = g_strdup (va_topic_get_name (frame->topic));
    }
  return event;
}

/* Takes @event. */
void
va_conversation_emit (VaConversation *self,
                      VaEvent        *event)
{
  g_autoptr(VaEvent) owned = event;

  g_signal_emit (self, signals[SIGNAL_EVENT], 0, owned);
}

void
va_conversation_add_activity (VaConversation *self,
              const char     *role,
              const char     *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "message");
  json_builder_set_member_name (builder, "from");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, timestamp);
  json_builder_end_object (builder);
  g_ptr_array_add (self->transcript, json_builder_get_root (builder));
}

/* The Escalate topic's message holds the engagement hub link, or still the placeholder. */
static void
note_hub_link (VaConversation *self,
               const char     *text)
{
  const char *start = strstr (text, "https://");
  gsize length;

  if (strstr (text, "[link]") != NULL)
    self->link_placeholder = TRUE;
  if (start == NULL)
    start = strstr (text, "http://");
  if (start == NULL)
    return;
  length = strcspn (start, " \t\r\n\"'<>");
  while (length > 0 && strchr (".,;:!?)]", start[length - 1]) != NULL)
    length--;
  g_free (self->handoff_link_seen);
  self->handoff_link_seen = g_strndup (start, length);
}

void
va_conversation_say (VaConversation     *self,
                     const char         *text,
                     const char * const *choices)
{
  VaEvent *event = va_conversation_event_new (self, VA_EVENT_BOT_MESSAGE);
  VaFrame *frame = va_conversation_top (self);

  if (frame != NULL)
    {
      event->node_id = g_strdup (frame->node_id);
      if (va_topic_get_system (frame->topic) == VA_SYSTEM_TOPIC_ESCALATE)
        note_hub_link (self, text);
    }
  event->text = g_strdup (text);
  event->choices = g_strdupv ((char **) choices);
  va_conversation_add_activity (self, "bot", text);
  va_conversation_emit (self, event);
}

/* }}} */
/* {{{ GObject */

static void
collect_bot_scoped (VaConversation *self)
{
  GListModel *variables = va_bot_get_variables (self->bot);
  GListModel *topics = va_bot_get_topics (self->bot);

  for (guint i = 0; i < g_list_model_get_n_items (variables); i++)
    {
      g_autoptr(VaVariable) variable = g_list_model_get_item (variables, i);

      g_hash_table_add (self->bot_scoped, g_strdup (va_variable_get_name (variable)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      GListModel *topic_variables = va_topic_get_variables (topic);

      for (guint j = 0; j < g_list_model_get_n_items (topic_variables); j++)
        {
          g_autoptr(VaVariable) variable = g_list_model_get_item (topic_variables, j);

          if (va_variable_get_scope (variable) == VA_VARIABLE_SCOPE_BOT)
            g_hash_table_add (self->bot_scoped, g_strdup (va_variable_get_name (variable)));
        }
    }
}

static void
va_conversation_constructed (GObject *object)
{
  VaConversation *self = VA_CONVERSATION (object);

  G_OBJECT_CLASS (va_conversation_parent_class)->constructed (object);

  g_assert (self->bot != NULL);
  if (self->recognizer == NULL)
    self->recognizer = va_bot_recognizer_new (self->bot);
  collect_bot_scoped (self);
}

static void
va_conversation_dispose (GObject *object)
{
  VaConversation *self = VA_CONVERSATION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->recognizer);
  g_clear_object (&self->bot);

  G_OBJECT_CLASS (va_conversation_parent_class)->dispose (object);
}

static void
va_conversation_finalize (GObject *object)
{
  VaConversation *self = VA_CONVERSATION (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->mocks, g_hash_table_unref);
  g_clear_pointer (&self->stack, g_ptr_array_unref);
  g_clear_pointer (&self->bot_vars, g_hash_table_unref);
  g_clear_pointer (&self->topic_vars, g_hash_table_unref);
  g_clear_pointer (&self->bot_scoped, g_hash_table_unref);
  g_clear_pointer (&self->visited, g_ptr_array_unref);
  g_clear_pointer (&self->phrases, g_ptr_array_unref);
  g_clear_pointer (&self->transcript, g_ptr_array_unref);
  g_queue_clear_full (&self->pending, g_free);
  g_free (self->id);
  g_free (self->outcome);
  g_free (self->last_message);
  g_free (self->last_topic);
  g_free (self->error);
  g_free (self->handoff_link_seen);
  g_free (self->action_body);
  g_free (self->webhook_override);

  G_OBJECT_CLASS (va_conversation_parent_class)->finalize (object);
}

static void
va_conversation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VaConversation *self = VA_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_BOT:
      g_value_set_object (value, self->bot);
      break;
    case PROP_RECOGNIZER:
      g_value_set_object (value, self->recognizer);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->state == VA_CONVERSATION_STATE_BUSY);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_conversation_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VaConversation *self = VA_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_BOT:
      self->bot = g_value_dup_object (value);
      break;
    case PROP_RECOGNIZER:
      self->recognizer = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_conversation_class_init (VaConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = va_conversation_constructed;
  object_class->dispose = va_conversation_dispose;
  object_class->finalize = va_conversation_finalize;
  object_class->get_property = va_conversation_get_property;
  object_class->set_property = va_conversation_set_property;

  properties[PROP_BOT] =
    g_param_spec_object ("bot", NULL, NULL, VA_TYPE_BOT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECOGNIZER] =
    g_param_spec_object ("recognizer", NULL, NULL, VA_TYPE_RECOGNIZER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, VA_CONVERSATION_STATE_NEW, VA_CONVERSATION_STATE_ENDED,
                      VA_CONVERSATION_STATE_NEW,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VaConversation::event:
   * @event: what happened
   *
   * Everything the conversation does, in order.
   */
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VA_TYPE_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
va_conversation_init (VaConversation *self)
{
  self->seed = g_random_int ();
  self->rand = g_rand_new_with_seed (self->seed);
  self->cancellable = g_cancellable_new ();
  self->step_limit = VA_DEFAULT_STEP_LIMIT;
  self->mocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->stack = g_ptr_array_new_with_free_func ((GDestroyNotify) frame_free);
  self->bot_vars = va_conversation_new_var_table ();
  self->topic_vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);
  self->bot_scoped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->visited = g_ptr_array_new_with_free_func (g_free);
  self->phrases = g_ptr_array_new_with_free_func (g_free);
  self->transcript = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_queue_init (&self->pending);
  self->id = g_strdup ("");
}

/* }}} */
/* {{{ Public API */

/**
 * va_conversation_new:
 * @bot: the bot
 * @recognizer: (nullable): a recognizer of @bot's topics (the app builds it in a worker thread),
 *   or %NULL to build one now
 *
 * Returns: (transfer full): a conversation that has not started yet
 */
VaConversation *
va_conversation_new (VaBot        *bot,
                     VaRecognizer *recognizer)
{
  g_return_val_if_fail (VA_IS_BOT (bot), NULL);
  g_return_val_if_fail (recognizer == NULL || VA_IS_RECOGNIZER (recognizer), NULL);

  return g_object_new (VA_TYPE_CONVERSATION, "bot", bot, "recognizer", recognizer, NULL);
}

VaBot *
va_conversation_get_bot (VaConversation *self)
{
  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);
  return self->bot;
}

VaRecognizer *
va_conversation_get_recognizer (VaConversation *self)
{
  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);
  return self->recognizer;
}

const char *
va_conversation_get_id (VaConversation *self)
{
  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);
  return self->id;
}

VaConversationState
va_conversation_get_state (VaConversation *self)
{
  g_return_val_if_fail (VA_IS_CONVERSATION (self), VA_CONVERSATION_STATE_NEW);
  return self->state;
}

gboolean
va_conversation_get_busy (VaConversation *self)
{
  g_return_val_if_fail (VA_IS_CONVERSATION (self), FALSE);
  return self->state == VA_CONVERSATION_STATE_BUSY;
}

guint
va_conversation_get_turn (VaConversation *self)
{
  g_return_val_if_fail (VA_IS_CONVERSATION (self), 0);
  return self->turn;
}

const char *
va_conversation_get_topic_id (VaConversation *self)
{
  VaFrame *frame;

  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);
  frame = va_conversation_top (self);
  return frame != NULL ? va_topic_get_id (frame->topic) : NULL;
}

const char *
va_conversation_get_node_id (VaConversation *self)
{
  VaFrame *frame;

  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);
  frame = va_conversation_top (self);
  return frame != NULL ? frame->node_id : NULL;
}

/**
 * va_conversation_set_session:
 * @self: a conversation
 * @session: (nullable): the HTTP session for actions and the handoff; %NULL makes one when needed
 */
void
va_conversation_set_session (VaConversation *self,
                             SoupSession    *session)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  g_set_object (&self->session, session);
}

/**
 * va_conversation_set_now:
 * @self: a conversation
 * @now: (nullable): the time relative dates ("tomorrow") count from; %NULL: the clock
 */
void
va_conversation_set_now (VaConversation *self,
                         GDateTime      *now)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}

/**
 * va_conversation_set_seed:
 * @self: a conversation
 * @seed: a seed
 *
 * Makes the choice of message variations and the conversation id repeatable, so a transcript
 * replays the same way. Call before va_conversation_start().
 */
void
va_conversation_set_seed (VaConversation *self,
                          guint32         seed)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  self->seed = seed;
  g_rand_set_seed (self->rand, seed);
}

guint32
va_conversation_get_seed (VaConversation *self)
{
  g_return_val_if_fail (VA_IS_CONVERSATION (self), 0);
  return self->seed;
}

/**
 * va_conversation_set_webhook_enabled:
 * @self: a conversation
 * @enabled: whether a handoff is POSTed to the bot's webhook
 *
 * A replayed transcript must not post the conversation to a real hub: it turns this off.
 */
void
va_conversation_set_webhook_enabled (VaConversation *self,
                                     gboolean        enabled)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  self->webhook_off = !enabled;
}

/**
 * va_conversation_set_webhook_override:
 * @self: a conversation
 * @url: (nullable): where to POST the handoff instead of the bot's webhook, or %NULL for the
 *   bot's own
 *
 * The built-in local engagement hub (#VaHub) takes the handoff this way, without touching the
 * bot. va_conversation_set_webhook_enabled() still decides whether anything is posted.
 */
void
va_conversation_set_webhook_override (VaConversation *self,
                                      const char     *url)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  g_free (self->webhook_override);
  self->webhook_override = g_strdup (url);
}

/**
 * va_conversation_set_handoff_timeout:
 * @self: a conversation
 * @seconds: how long the engagement hub has to answer the handoff POST; 0: the default (30 s)
 */
void
va_conversation_set_handoff_timeout (VaConversation *self,
                                     guint           seconds)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  self->handoff_timeout = seconds;
}

/**
 * va_conversation_get_now:
 * @self: a conversation
 *
 * Returns: (transfer none) (nullable): the fixed time relative dates count from, or %NULL
 */
GDateTime *
va_conversation_get_now (VaConversation *self)
{
  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);
  return self->now;
}

void
va_conversation_set_step_limit (VaConversation *self,
                                guint           step_limit)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  self->step_limit = MAX (step_limit, 1);
}

/* }}} */
