/* va-conversation-turns.c — a user turn: what the recognizer makes of a message no question
 * waits for, the queue of messages sent while the conversation is busy, starting (again) and
 * cancelling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-bot-recognizer.h"
#include "va-conversation-private.h"

/* {{{ Recognition */

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

/* }}} */
/* {{{ Turns */

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
