/* va-conversation.c — one conversation with a bot: the runtime
 *
 * A conversation is a stack of active topics (VaFrame), the variables, and a queue of user
 * messages that arrived while an HTTP request was under way. A user message either answers the
 * question that waits on top of the stack, or goes to the recognizer, which starts a topic,
 * "Multiple topics matched" or Fallback. Running stops when a question waits, an HTTP request
 * starts, or the conversation ends or is handed off. Everything that happens is told as a
 * VaEvent through the "event" signal, the one stream the test chat and the CLI both read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "va-bot-recognizer.h"
#include "va-conversation-private.h"
#include "va-http.h"
#include "va-interpolate.h"
#include "va-json-value.h"
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
/* {{{ Variables */

static GHashTable *
new_var_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

const char *
va_conversation_get_variable (VaConversation *self,
                              const char     *name)
{
  VaFrame *frame;
  const char *value;

  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "Bot.Name"))
    return va_bot_get_name (self->bot);
  if (g_str_equal (name, "System.LastMessage"))
    return self->last_message;
  if (g_str_equal (name, "System.ConversationId"))
    return self->id;
  if (g_str_equal (name, "System.LastTopic"))
    return self->last_topic;
  if (g_str_equal (name, "System.Error"))
    return self->error;
  if (g_str_has_prefix (name, "Global."))
    return g_hash_table_lookup (self->bot_vars, name + strlen ("Global."));

  /* The current topic's own variables first, then the bot's, then what earlier topics left. */
  frame = va_conversation_top (self);
  if (frame != NULL)
    {
      GHashTable *vars = g_hash_table_lookup (self->topic_vars, va_topic_get_id (frame->topic));

      if (vars != NULL && (value = g_hash_table_lookup (vars, name)) != NULL)
        return value;
    }
  if ((value = g_hash_table_lookup (self->bot_vars, name)) != NULL)
    return value;
  for (guint i = self->visited->len; i > 0; i--)
    {
      GHashTable *vars = g_hash_table_lookup (self->topic_vars,
                                              g_ptr_array_index (self->visited, i - 1));

      if (vars != NULL && (value = g_hash_table_lookup (vars, name)) != NULL)
        return value;
    }
  return NULL;
}

const char *
va_conversation_lookup (const char *name,
                        gpointer    user_data)
{
  return va_conversation_get_variable (user_data, name);
}

char *
va_conversation_render (VaConversation *self,
                        const char     *template_text,
                        int             escape)
{
  return va_interpolate (template_text, va_conversation_lookup, self, (VaEscape) escape);
}

void
va_conversation_set_var (VaConversation *self,
                         const char     *name,
                         const char     *value)
{
  VaFrame *frame = va_conversation_top (self);
  GHashTable *vars;
  const char *old;
  VaEvent *event;

  if (name == NULL || name[0] == '\0' || g_str_has_prefix (name, "System.") ||
      g_str_has_prefix (name, "Bot."))
    return;

  if (g_str_has_prefix (name, "Global."))
    name += strlen ("Global.");
  if (frame == NULL || g_hash_table_contains (self->bot_scoped, name))
    vars = self->bot_vars;
  else
    {
      const char *topic_id = va_topic_get_id (frame->topic);

      vars = g_hash_table_lookup (self->topic_vars, topic_id);
      if (vars == NULL)
        {
          vars = new_var_table ();
          g_hash_table_insert (self->topic_vars, g_strdup (topic_id), vars);
        }
    }

  old = g_hash_table_lookup (vars, name);
  if (g_strcmp0 (old, value) == 0)
    return;
  if (value != NULL)
    g_hash_table_insert (vars, g_strdup (name), va_interpolate_truncate (value));
  else
    g_hash_table_remove (vars, name);

  event = va_conversation_event_new (self, VA_EVENT_VARIABLE_CHANGED);
  event->name = g_strdup (name);
  event->text = g_strdup (value);
  va_conversation_emit (self, event);
}

static void
clear_variables (VaConversation *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->bot_vars);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, g_strdup (key));
  g_hash_table_iter_init (&iter, self->topic_vars);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GHashTableIter inner;

      g_hash_table_iter_init (&inner, value);
      while (g_hash_table_iter_next (&inner, &key, NULL))
        g_ptr_array_add (names, g_strdup (key));
    }
  g_hash_table_remove_all (self->bot_vars);
  g_hash_table_remove_all (self->topic_vars);
  g_clear_pointer (&self->error, g_free);

  for (guint i = 0; i < names->len; i++)
    {
      VaEvent *event = va_conversation_event_new (self, VA_EVENT_VARIABLE_CHANGED);

      event->name = g_strdup (g_ptr_array_index (names, i));
      va_conversation_emit (self, event);
    }
}

static void
add_object_members (JsonBuilder *builder,
                    GHashTable  *vars,
                    GHashTable  *done)
{
  GHashTableIter iter;
  gpointer key, value;

  if (vars == NULL)
    return;
  g_hash_table_iter_init (&iter, vars);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (done, key))
        continue;
      g_hash_table_add (done, key);
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
}

/* Bot variables, then the variables of the topics visited, the latest first so it wins. */
void
va_conversation_add_variables (VaConversation *self,
               JsonBuilder    *builder,
               GHashTable     *done)
{
  for (guint i = self->visited->len; i > 0; i--)
    add_object_members (builder,
                        g_hash_table_lookup (self->topic_vars,
                                             g_ptr_array_index (self->visited, i - 1)),
                        done);
  add_object_members (builder, self->bot_vars, done);
}

/**
 * va_conversation_variables_to_json:
 * @self: a conversation
 *
 * Returns: (transfer full): every variable with a value, as one JSON object (a name that
 *   several topics use shows the latest topic's value)
 */
JsonNode *
va_conversation_variables_to_json (VaConversation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);

  json_builder_begin_object (builder);
  va_conversation_add_variables (self, builder, done);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* }}} */
/* {{{ Topics */

static gboolean
is_ending_topic (VaSystemTopic kind)
{
  switch (kind)
    {
    case VA_SYSTEM_TOPIC_ESCALATE:
    case VA_SYSTEM_TOPIC_GOODBYE:
    case VA_SYSTEM_TOPIC_END_OF_CONVERSATION:
    case VA_SYSTEM_TOPIC_CONFIRMED_SUCCESS:
    case VA_SYSTEM_TOPIC_CONFIRMED_FAILURE:
    case VA_SYSTEM_TOPIC_START_OVER:
      return TRUE;
    default:
      return FALSE;
    }
}

void
va_conversation_pop (VaConversation *self)
{
  VaEvent *event;

  if (self->stack->len == 0)
    return;
  event = va_conversation_event_new (self, VA_EVENT_TOPIC_ENDED);
  va_conversation_emit (self, event);
  g_ptr_array_remove_index (self->stack, self->stack->len - 1);
}

void
va_conversation_pop_all (VaConversation *self)
{
  while (self->stack->len > 0)
    va_conversation_pop (self);
}

VaStep
va_conversation_go_to_topic (VaConversation *self,
                             VaTopic        *topic,
                             const char     *how)
{
  VaSystemTopic kind = va_topic_get_system (topic);
  VaFrame *frame;
  VaEvent *event;
  const char *id = va_topic_get_id (topic);
  gboolean seen = FALSE;

  if (!va_topic_get_enabled (topic))
    {
      g_autofree char *message =
        g_strdup_printf (_("The topic “%s” is turned off."), va_topic_get_name (topic));
      return va_conversation_fail (self, message);
    }
  if (is_ending_topic (kind))
    va_conversation_pop_all (self);
  if (self->stack->len >= VA_MAX_STACK_DEPTH)
    {
      g_autofree char *message =
        g_strdup_printf (_("Topics redirect to each other more than %d deep; the last was “%s”."),
                         VA_MAX_STACK_DEPTH, va_topic_get_name (topic));
      return va_conversation_fail (self, message);
    }

  if (kind == VA_SYSTEM_TOPIC_START_OVER || kind == VA_SYSTEM_TOPIC_RESET_CONVERSATION)
    {
      clear_variables (self);
      self->fallbacks = 0;
    }
  if (kind == VA_SYSTEM_TOPIC_CONFIRMED_SUCCESS)
    va_str_set (&self->outcome, "resolved");
  if (kind == VA_SYSTEM_TOPIC_NONE && (g_str_equal (how, "trigger") || g_str_equal (how, "switch")))
    va_str_set (&self->last_topic, va_topic_get_name (topic));

  frame = g_new0 (VaFrame, 1);
  frame->topic = g_object_ref (topic);
  frame->node_id = g_strdup (va_topic_get_start (topic));
  g_ptr_array_add (self->stack, frame);

  for (guint i = 0; i < self->visited->len && !seen; i++)
    seen = g_str_equal (g_ptr_array_index (self->visited, i), id);
  if (!seen)
    g_ptr_array_add (self->visited, g_strdup (id));

  event = va_conversation_event_new (self, VA_EVENT_TOPIC_STARTED);
  event->name = g_strdup (how);
  va_conversation_emit (self, event);
  return VA_STEP_CONTINUE;
}

VaStep
va_conversation_go_to_system (VaConversation *self,
                              VaSystemTopic   kind,
                              const char     *how)
{
  VaTopic *topic = va_bot_find_system_topic (self->bot, kind);

  /* A turned-off Fallback stays silent (the miss still counts towards escalating); a turned-off
   * Escalate, reached by misses in a row, falls back to Fallback. */
  if (topic != NULL && !va_topic_get_enabled (topic))
    {
      if (kind == VA_SYSTEM_TOPIC_FALLBACK)
        return VA_STEP_CONTINUE;
      if (kind == VA_SYSTEM_TOPIC_ESCALATE && g_str_equal (how, "system"))
        return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_FALLBACK, how);
      if (kind == VA_SYSTEM_TOPIC_ON_ERROR)
        topic = NULL;
    }
  if (topic == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The bot has no “%s” system topic."), va_system_topic_to_string (kind));

      if (kind == VA_SYSTEM_TOPIC_ON_ERROR)
        {
          VaEvent *event = va_conversation_event_new (self, VA_EVENT_ERROR);

          event->text = g_strdup (message);
          va_conversation_emit (self, event);
          return va_conversation_end (self, "error");
        }
      return va_conversation_fail (self, message);
    }
  return va_conversation_go_to_topic (self, topic, how);
}

static gboolean
inside_on_error (VaConversation *self)
{
  for (guint i = 0; i < self->stack->len; i++)
    {
      VaFrame *frame = g_ptr_array_index (self->stack, i);

      if (va_topic_get_system (frame->topic) == VA_SYSTEM_TOPIC_ON_ERROR)
        return TRUE;
    }
  return FALSE;
}

/**
 * va_conversation_fail: (skip)
 *
 * A runtime error: says it (an error event naming the topic and node), stores it in
 * System.Error and goes to the On error topic; an error inside On error ends the conversation.
 */
VaStep
va_conversation_fail (VaConversation *self,
                      const char     *message)
{
  VaEvent *event = va_conversation_event_new (self, VA_EVENT_ERROR);
  VaFrame *frame = va_conversation_top (self);
  gboolean nested = inside_on_error (self);

  if (frame != NULL)
    event->node_id = g_strdup (frame->node_id);
  event->text = g_strdup (message);
  va_conversation_emit (self, event);

  va_str_set (&self->error, message);
  /* On error gets a fresh step budget, but one error per turn only: an error on the way
   * through On error (or where it leads) ends the conversation. */
  self->steps = 0;
  va_conversation_pop_all (self);
  if (nested || ++self->errors > 1)
    return va_conversation_end (self, "error");
  va_str_set (&self->outcome, "error");
  return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_ON_ERROR, "system");
}

VaStep
va_conversation_end (VaConversation *self,
                     const char     *outcome)
{
  VaEvent *event;

  va_conversation_pop_all (self);
  event = va_conversation_event_new (self, VA_EVENT_CONVERSATION_ENDED);
  event->name = g_strdup (outcome != NULL ? outcome : self->outcome != NULL ? self->outcome : "ended");
  va_conversation_emit (self, event);
  va_conversation_set_state (self, VA_CONVERSATION_STATE_ENDED);
  return VA_STEP_STOP;
}

/* }}} */
/* {{{ Running */

void
va_conversation_after_step (VaConversation *self,
                            VaStep          step)
{
  switch (step)
    {
    case VA_STEP_CONTINUE:
      va_conversation_run (self);
      break;
    case VA_STEP_WAIT:
      va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
      break;
    case VA_STEP_ASYNC:
      va_conversation_set_state (self, VA_CONVERSATION_STATE_BUSY);
      break;
    case VA_STEP_STOP:
    default:
      break;
    }
}

void
va_conversation_run (VaConversation *self)
{
  for (;;)
    {
      VaFrame *frame = va_conversation_top (self);
      VaNode *node;
      VaStep step;

      if (frame == NULL)
        {
          if (self->state != VA_CONVERSATION_STATE_ENDED &&
              self->state != VA_CONVERSATION_STATE_HANDED_OFF)
            va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
          return;
        }

      if (frame->node_id == NULL)
        {
          VaFrame *caller;

          va_conversation_pop (self);
          caller = va_conversation_top (self);
          if (caller == NULL)
            continue;
          if (caller->reask)
            {
              caller->reask = FALSE;
              node = va_topic_find_node (caller->topic, caller->node_id, NULL);
              step = node != NULL ? va_conversation_ask (self, caller, node, FALSE)
                                  : VA_STEP_CONTINUE;
              if (node == NULL)
                g_clear_pointer (&caller->node_id, g_free);
            }
          else
            {
              g_free (caller->node_id);
              caller->node_id = g_steal_pointer (&caller->resume_id);
              continue;
            }
        }
      else if ((node = va_topic_find_node (frame->topic, frame->node_id, NULL)) == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("The topic “%s” goes to a node “%s” that does not exist."),
                             va_topic_get_name (frame->topic), frame->node_id);
          step = va_conversation_fail (self, message);
        }
      else if (++self->steps > self->step_limit)
        {
          g_autofree char *message =
            g_strdup_printf (_("The bot ran %u steps without waiting for the user, so it was "
                               "stopped; it probably loops in the topic “%s”."),
                             self->step_limit, va_topic_get_name (frame->topic));
          step = va_conversation_fail (self, message);
        }
      else
        {
          VaEvent *event = va_conversation_event_new (self, VA_EVENT_NODE_ENTERED);

          event->node_id = g_strdup (frame->node_id);
          va_conversation_emit (self, event);
          step = va_conversation_run_node (self, frame, node);
        }

      if (step == VA_STEP_CONTINUE)
        continue;
      va_conversation_after_step (self, step);
      return;
    }
}

VaRecognitionKind
va_conversation_recognize (VaConversation    *self,
                           const char        *text,
                           VaRecognizerMatch *matches,
                           guint             *n_matches)
{
  VaRecognizerMatch ranked[5];
  VaRecognitionKind kind;
  guint n_ranked;
  VaEvent *event;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  static const char * const kind_names[] = { "fallback", "match", "multiple" };

  kind = va_recognizer_decide (self->recognizer, text, va_bot_get_threshold_score (self->bot),
                               va_bot_get_margin_score (self->bot), matches, 5, n_matches);
  n_ranked = va_recognizer_rank (self->recognizer, text, ranked, G_N_ELEMENTS (ranked));

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_ranked; i++)
    {
      VaTopic *topic = va_bot_find_topic (self->bot, ranked[i].topic_id, NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "topic");
      json_builder_add_string_value (builder, ranked[i].topic_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, topic != NULL ? va_topic_get_name (topic) : "");
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, ranked[i].score);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  event = va_event_new (VA_EVENT_RECOGNIZED);
  event->turn = self->turn;
  event->name = g_strdup (kind_names[kind]);
  if (kind == VA_RECOGNITION_MATCH && *n_matches > 0)
    {
      VaTopic *topic = va_bot_find_topic (self->bot, matches[0].topic_id, NULL);

      event->topic_id = g_strdup (matches[0].topic_id);
      event->topic_name = g_strdup (topic != NULL ? va_topic_get_name (topic) : NULL);
    }
  event->data = json_builder_get_root (builder);
  va_conversation_emit (self, event);
  return kind;
}

/* A message that no question waits for: start what the recognizer picks. */
static VaStep
start_recognized (VaConversation *self,
                  const char     *text)
{
  VaRecognizerMatch matches[5];
  guint n = 0;
  VaRecognitionKind kind = va_conversation_recognize (self, text, matches, &n);
  VaTopic *topic;
  int escalate_after = va_bot_get_escalate_after (self->bot);

  switch (kind)
    {
    case VA_RECOGNITION_MATCH:
      /* A recognizer built before the bot changed may name a topic that is gone. */
      topic = va_bot_find_topic (self->bot, matches[0].topic_id, NULL);
      if (topic == NULL)
        break;
      self->fallbacks = 0;
      return va_conversation_go_to_topic (self, topic, "trigger");

    case VA_RECOGNITION_MULTIPLE:
      {
        g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
        VaTopic *mtm = va_bot_find_system_topic (self->bot, VA_SYSTEM_TOPIC_MULTIPLE_TOPICS_MATCHED);
        VaFrame *frame;
        VaStep step;

        for (guint i = 0; i < n; i++)
          if (va_bot_find_topic (self->bot, matches[i].topic_id, NULL) != NULL)
            g_ptr_array_add (candidates, g_strdup (matches[i].topic_id));
        if (candidates->len == 0)
          break;
        self->fallbacks = 0;
        topic = va_bot_find_topic (self->bot, g_ptr_array_index (candidates, 0), NULL);
        if (candidates->len == 1 || mtm == NULL || !va_topic_get_enabled (mtm))
          return va_conversation_go_to_topic (self, topic, "trigger");
        step = va_conversation_go_to_topic (self, mtm, "system");
        frame = va_conversation_top (self);
        if (step == VA_STEP_CONTINUE && frame != NULL && frame->topic == mtm)
          frame->candidates = g_steal_pointer (&candidates);
        return step;
      }

    case VA_RECOGNITION_FALLBACK:
    default:
      break;
    }

  self->fallbacks++;
  if (escalate_after > 0 && self->fallbacks >= escalate_after)
    {
      self->fallbacks = 0;
      return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_ESCALATE, "system");
    }
  return va_conversation_go_to_system (self, VA_SYSTEM_TOPIC_FALLBACK, "system");
}

static void
reset (VaConversation *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_ptr_array_set_size (self->stack, 0);
  g_hash_table_remove_all (self->bot_vars);
  g_hash_table_remove_all (self->topic_vars);
  g_ptr_array_set_size (self->visited, 0);
  g_ptr_array_set_size (self->phrases, 0);
  g_ptr_array_set_size (self->transcript, 0);
  g_queue_clear_full (&self->pending, g_free);
  g_clear_pointer (&self->last_message, g_free);
  g_clear_pointer (&self->last_topic, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->outcome, g_free);
  g_clear_pointer (&self->handoff_link_seen, g_free);
  self->link_placeholder = FALSE;
  self->fallbacks = 0;
  self->steps = 0;

  g_free (self->id);
  self->id = g_strdup_printf ("%08x-%04x-%04x", g_rand_int (self->rand),
                              g_rand_int (self->rand) & 0xffff, g_rand_int (self->rand) & 0xffff);
}

static void
begin (VaConversation *self)
{
  VaEvent *event;

  reset (self);
  event = va_conversation_event_new (self, VA_EVENT_CONVERSATION_STARTED);
  event->text = g_strdup (self->id);
  va_conversation_emit (self, event);
  va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
}


static void
restart (VaConversation *self)
{
  VaTopic *topic;

  self->turn = 0;
  self->errors = 0;
  begin (self);
  topic = va_bot_find_system_topic (self->bot, VA_SYSTEM_TOPIC_CONVERSATION_START);
  if (topic != NULL && va_topic_get_enabled (topic))
    va_conversation_after_step (self, va_conversation_go_to_topic (self, topic, "system"));
}

static void handle_message (VaConversation *self, const char *text);

/* Every public call that runs the conversation is wrapped in enter() and leave(). A listener of
 * "event" that calls back in (sends a message, starts again) while the conversation runs would
 * pull frames from under the running code: its call only queues, and leave() carries it out
 * once the outer call is done. */
void
va_conversation_enter (VaConversation *self)
{
  g_object_ref (self);
  self->depth++;
}

void
va_conversation_leave (VaConversation *self)
{
  while (self->depth == 1 &&
         (self->restart ||
          (self->state != VA_CONVERSATION_STATE_BUSY && !g_queue_is_empty (&self->pending))))
    {
      if (self->restart)
        {
          self->restart = FALSE;
          restart (self);
        }
      else
        {
          g_autofree char *text = g_queue_pop_head (&self->pending);

          handle_message (self, text);
        }
    }
  self->depth--;
  g_object_unref (self);
}

/**
 * va_conversation_start:
 * @self: a conversation
 *
 * Starts (or starts again) the conversation: forgets everything and runs the Conversation
 * start topic.
 */
void
va_conversation_start (VaConversation *self)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));

  va_conversation_enter (self);
  if (self->depth > 1)
    {
      /* A listener asked while the conversation runs: start again once it has stopped. */
      self->restart = TRUE;
      self->generation++;
    }
  else
    restart (self);
  va_conversation_leave (self);
}

static void
handle_message (VaConversation *self,
                const char     *text)
{
  VaFrame *frame;
  VaEvent *event;
  VaStep step;

  if (self->state == VA_CONVERSATION_STATE_ENDED)
    begin (self);

  self->turn++;
  self->steps = 0;
  self->errors = 0;
  va_str_set (&self->last_message, text);
  g_ptr_array_add (self->phrases, g_strdup (text));
  va_conversation_add_activity (self, "user", text);
  event = va_conversation_event_new (self, VA_EVENT_USER_MESSAGE);
  event->text = g_strdup (text);
  va_conversation_emit (self, event);

  if (self->state == VA_CONVERSATION_STATE_HANDED_OFF)
    return;

  frame = va_conversation_top (self);
  if (frame != NULL && frame->waiting)
    {
      VaNode *node = va_topic_find_node (frame->topic, frame->node_id, NULL);

      frame->waiting = FALSE;
      step = node != NULL ? va_conversation_answer (self, frame, node, text)
                          : start_recognized (self, text);
    }
  else
    step = start_recognized (self, text);
  va_conversation_after_step (self, step);
}

/**
 * va_conversation_send:
 * @self: a conversation
 * @text: what the user says
 *
 * One user turn; blank text is ignored. Runs at once as far as the bot goes without waiting; while an HTTP request is
 * under way (#VaConversation:busy) the message waits in a queue and runs after it.
 */
void
va_conversation_send (VaConversation *self,
                      const char     *text)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (VA_IS_CONVERSATION (self));
  g_return_if_fail (text != NULL);

  valid = g_strstrip (g_utf8_make_valid (text, -1));
  if (valid[0] == '\0')
    return;
  va_conversation_enter (self);
  if (self->state == VA_CONVERSATION_STATE_NEW && self->depth == 1)
    restart (self);
  if (self->depth > 1 || self->state == VA_CONVERSATION_STATE_BUSY)
    g_queue_push_tail (&self->pending, g_steal_pointer (&valid));
  else
    handle_message (self, valid);
  va_conversation_leave (self);
}

/* Called by the node runner when an HTTP request has finished and the conversation went on. */
static void
resume (VaConversation *self,
        VaStep          step)
{
  if (self->state == VA_CONVERSATION_STATE_BUSY)
    va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
  va_conversation_after_step (self, step);
}

/* }}} */
/* {{{ HTTP actions: the parts that need the conversation's private state */

typedef struct
{
  GWeakRef  self;
  guint     generation;
  char     *node_id;
  char     *request;
} ActionCall;

static void
action_call_free (ActionCall *call)
{
  g_weak_ref_clear (&call->self);
  g_free (call->node_id);
  g_free (call->request);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ActionCall, action_call_free)

static void
action_finished (ActionCall     *call,
                 guint           status,
                 const char     *body,
                 JsonNode       *json,
                 const GError   *error)
{
  g_autoptr(VaConversation) self = g_weak_ref_get (&call->self);
  VaFrame *frame;
  VaNode *node;

  if (self == NULL || call->generation != self->generation ||
      (frame = va_conversation_top (self)) == NULL ||
      g_strcmp0 (frame->node_id, call->node_id) != 0 ||
      (node = va_topic_find_node (frame->topic, frame->node_id, NULL)) == NULL)
    return;
  va_conversation_enter (self);
  self->action_status = status;
  va_str_set (&self->action_body, body);
  resume (self, va_conversation_action_done (self, frame, node, call->request, json, error));
  self->action_status = 0;
  g_clear_pointer (&self->action_body, g_free);
  va_conversation_leave (self);
}

static void
action_received (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ActionCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VaHttpResponse) response = va_http_request_finish (result, NULL, &error);
  g_autofree char *body = NULL;

  (void) source;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (response != NULL)
    body = g_utf8_make_valid (g_bytes_get_data (response->body, NULL),
                              g_bytes_get_size (response->body));
  action_finished (call, response != NULL ? response->status : 0, body,
                   response != NULL ? response->json : NULL, error);
}

typedef struct
{
  ActionCall *call;
  guint       status;
  char       *body;
} MockReply;

static gboolean
mock_reply (gpointer user_data)
{
  MockReply *mock = user_data;
  g_autoptr(ActionCall) call = mock->call;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;

  if (mock->status < 200 || mock->status > 299)
    error = g_error_new (VA_HTTP_ERROR, VA_HTTP_ERROR_STATUS,
                         _("The server answered %u."), mock->status);
  else if (mock->body[0] != '\0')
    /* Read like a real answer (va-http.c): strict, bounded, one value. */
    json = va_json_value_parse (mock->body, -1, NULL);
  action_finished (call, mock->status, mock->body, json, error);
  g_free (mock->body);
  g_free (mock);
  return G_SOURCE_REMOVE;
}

/**
 * va_conversation_call: (skip)
 *
 * Starts an HTTP request for the action node on top of the stack; its answer runs
 * va_conversation_action_done() and the conversation goes on.
 */
VaStep
va_conversation_call (VaConversation     *self,
                      VaFrame            *frame,
                      const char         *method,
                      const char         *url,
                      const char * const *headers,
                      const char         *body,
                      guint               timeout_s)
{
  ActionCall *call = g_new0 (ActionCall, 1);
  g_autofree char *key = g_strdup_printf ("%s %s", method, url);
  const char *mock = g_hash_table_lookup (self->mocks, key);
  VaEvent *event;

  g_weak_ref_init (&call->self, self);
  call->generation = self->generation;
  call->node_id = g_strdup (frame->node_id);
  call->request = g_steal_pointer (&key);

  event = va_conversation_event_new (self, VA_EVENT_ACTION);
  event->node_id = g_strdup (frame->node_id);
  event->name = g_strdup ("started");
  event->text = g_strdup (call->request);
  va_conversation_emit (self, event);

  if (mock != NULL)
    {
      MockReply *reply = g_new0 (MockReply, 1);
      const char *newline = strchr (mock, '\n');

      reply->call = call;
      reply->status = (guint) g_ascii_strtoull (mock, NULL, 10);
      reply->body = g_strdup (newline != NULL ? newline + 1 : "");
      g_idle_add (mock_reply, reply);
      return VA_STEP_ASYNC;
    }

  if (self->session == NULL)
    self->session = va_http_session_new ();
  va_http_request_async (self->session, method, url, headers, body, timeout_s, 0,
                         self->cancellable, action_received, call);
  return VA_STEP_ASYNC;
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
  self->bot_vars = new_var_table ();
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

/**
 * va_conversation_add_http_mock:
 * @self: a conversation
 * @method: "GET", "POST", ...
 * @url: the URL exactly as the action node makes it
 * @status: the status to answer
 * @body: (nullable): the body to answer
 *
 * Answers an action's request without the network: for transcript scripts and tests.
 */
void
va_conversation_add_http_mock (VaConversation *self,
                               const char     *method,
                               const char     *url,
                               guint           status,
                               const char     *body)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));
  g_return_if_fail (method != NULL && url != NULL);

  g_hash_table_insert (self->mocks, g_strdup_printf ("%s %s", method, url),
                       g_strdup_printf ("%u\n%s", status, body != NULL ? body : ""));
}

/**
 * va_conversation_cancel:
 * @self: a conversation
 *
 * Stops a request under way; the conversation forgets it and waits for the user.
 */
void
va_conversation_cancel (VaConversation *self)
{
  g_return_if_fail (VA_IS_CONVERSATION (self));

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_queue_clear_full (&self->pending, g_free);
  if (self->state == VA_CONVERSATION_STATE_BUSY)
    {
      va_conversation_pop_all (self);
      va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
    }
}

/* }}} */
