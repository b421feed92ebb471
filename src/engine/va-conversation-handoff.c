/* va-conversation-handoff.c — the handoff: the handoff.initiate activity, the POST to the
 * engagement hub, and what the hub and the human agent say back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-conversation-private.h"
#include "va-http.h"
#include "va-interpolate.h"


static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/**
 * va_conversation_build_handoff:
 * @self: a conversation
 * @agent_message: (nullable): the private message to the agent
 *
 * The `handoff.initiate` event activity, as Power Virtual Agents sends it to an engagement
 * hub: the va_* context variables and the variables of the topics visited in "value", and the
 * conversation so far in the "Transcript" attachment.
 *
 * Returns: (transfer full): the activity
 */
JsonNode *
va_conversation_build_handoff (VaConversation *self,
                               const char     *agent_message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) topic_names = g_ptr_array_new ();
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);
  const char *last_phrase = self->last_message;
  static const char * const context_names[] = {
    "va_Scope", "va_LastTopic", "va_Topics", "va_LastPhrase", "va_LastPhrases", "va_Phrases",
    "va_ConversationId", "va_AgentMessage", "va_BotId", "va_BotName", "va_Language",
  };

  g_return_val_if_fail (VA_IS_CONVERSATION (self), NULL);

  for (guint i = 0; i < self->visited->len; i++)
    {
      VaTopic *topic = va_bot_find_topic (self->bot, g_ptr_array_index (self->visited, i), NULL);

      if (topic != NULL)
        g_ptr_array_add (topic_names, (gpointer) va_topic_get_name (topic));
    }
  for (guint i = 0; i < G_N_ELEMENTS (context_names); i++)
    g_hash_table_add (done, (gpointer) context_names[i]);

  json_builder_begin_object (builder);
  add_member (builder, "type", "event");
  add_member (builder, "name", "handoff.initiate");
  add_member (builder, "timestamp", timestamp);
  json_builder_set_member_name (builder, "from");
  json_builder_begin_object (builder);
  add_member (builder, "role", "bot");
  add_member (builder, "name", va_bot_get_name (self->bot));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "conversation");
  json_builder_begin_object (builder);
  add_member (builder, "id", self->id);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "value");
  json_builder_begin_object (builder);
  add_member (builder, "va_Scope", "bot");
  add_member (builder, "va_LastTopic", self->last_topic);
  add_string_array (builder, "va_Topics", topic_names);
  add_member (builder, "va_LastPhrase", last_phrase);
  add_member (builder, "va_LastPhrases", last_phrase);
  add_string_array (builder, "va_Phrases", self->phrases);
  add_member (builder, "va_ConversationId", self->id);
  add_member (builder, "va_AgentMessage", agent_message);
  add_member (builder, "va_BotId", va_bot_get_id (self->bot));
  add_member (builder, "va_BotName", va_bot_get_name (self->bot));
  add_member (builder, "va_Language", va_bot_get_language (self->bot));
  va_conversation_add_variables (self, builder, done);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_member (builder, "name", "Transcript");
  add_member (builder, "contentType", "application/vnd.microsoft.transcript");
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "activities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->transcript->len; i++)
    json_builder_add_value (builder, json_node_copy (g_ptr_array_index (self->transcript, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

typedef struct
{
  GWeakRef  self;
  guint     generation;
} Pending;

static void
pending_free (Pending *pending)
{
  g_weak_ref_clear (&pending->self);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
handoff_posted (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(VaConversation) self = g_weak_ref_get (&pending->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(VaHandoffReply) reply = va_http_post_handoff_finish (result, &error);
  VaEvent *event;
  static const char * const state_names[] = { "posted", "accepted", "failed", "completed" };

  (void) source;
  /* Gone, started again or cancelled: nobody waits for this answer any more. */
  if (self == NULL || pending->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  va_conversation_enter (self);
  if (reply == NULL)
    {
      event = va_conversation_event_new (self, VA_EVENT_ERROR);
      event->name = g_strdup ("handoff");
      event->text = g_strdup_printf (_("The handoff could not be sent to the engagement hub: %s"),
                                     error->message);
      va_conversation_emit (self, event);
      /* No hub has the conversation: the bot takes it back, as after a "failed" status, so the
       * next message gets an answer instead of going nowhere. */
      if (self->state == VA_CONVERSATION_STATE_HANDED_OFF)
        va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
      va_conversation_leave (self);
      return;
    }

  event = va_conversation_event_new (self, VA_EVENT_HANDOFF_STATUS);
  event->name = g_strdup (state_names[reply->state]);
  event->text = g_strdup (reply->message);
  if (reply->chat_url != NULL)
    {
      event->data = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (event->data, reply->chat_url);
    }
  va_conversation_emit (self, event);
  if (self->state == VA_CONVERSATION_STATE_HANDED_OFF &&
      (reply->state == VA_HANDOFF_STATE_COMPLETED || reply->state == VA_HANDOFF_STATE_FAILED))
    va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
  va_conversation_leave (self);
}

VaStep
va_conversation_transfer (VaConversation *self,
                          const char     *agent_message)
{
  g_autofree char *message = va_conversation_render (self, agent_message, VA_ESCAPE_NONE);
  const char *hub_link = va_bot_get_hub_link (self->bot);
  const char *webhook = self->webhook_override != NULL ? self->webhook_override
                                                      : va_bot_get_webhook_url (self->bot);
  VaEvent *event = va_conversation_event_new (self, VA_EVENT_HANDOFF);
  VaFrame *frame = va_conversation_top (self);

  if (frame != NULL)
    event->node_id = g_strdup (frame->node_id);
  if (hub_link != NULL && hub_link[0] != '\0')
    event->text = g_strdup (hub_link);
  else if (self->handoff_link_seen != NULL)
    event->text = g_strdup (self->handoff_link_seen);
  else if (self->link_placeholder)
    event->name = g_strdup ("placeholder");
  event->data = va_conversation_build_handoff (self, message);

  va_str_set (&self->outcome, "escalated");
  va_conversation_pop_all (self);
  va_conversation_set_state (self, VA_CONVERSATION_STATE_HANDED_OFF);

  if (webhook != NULL && webhook[0] != '\0' && !self->webhook_off)
    {
      Pending *pending = g_new0 (Pending, 1);

      if (self->session == NULL)
        self->session = va_http_session_new ();
      g_weak_ref_init (&pending->self, self);
      pending->generation = self->generation;
      va_http_post_handoff_async (self->session, webhook, event->data, self->handoff_timeout,
                                  self->cancellable,
                                  handoff_posted, pending);
    }
  va_conversation_emit (self, event);
  return VA_STEP_STOP;
}

/**
 * va_conversation_agent_message:
 * @self: a conversation that was handed off
 * @text: what the human agent said
 */
void
va_conversation_agent_message (VaConversation *self,
                               const char     *text)
{
  VaEvent *event;

  g_return_if_fail (VA_IS_CONVERSATION (self));
  g_return_if_fail (text != NULL);

  va_conversation_enter (self);
  va_conversation_add_activity (self, "agent", text);
  event = va_conversation_event_new (self, VA_EVENT_AGENT_MESSAGE);
  event->text = g_utf8_make_valid (text, -1);
  va_conversation_emit (self, event);
  va_conversation_leave (self);
}

/**
 * va_conversation_handoff_status:
 * @self: a conversation that was handed off
 * @state: "accepted", "failed" or "completed"
 * @message: (nullable): the hub's message
 *
 * What the engagement hub says of the handoff. "completed" and "failed" give the conversation
 * back to the bot, as Power Virtual Agents does.
 */
void
va_conversation_handoff_status (VaConversation *self,
                                const char     *state,
                                const char     *message)
{
  VaEvent *event;

  g_return_if_fail (VA_IS_CONVERSATION (self));
  g_return_if_fail (state != NULL);

  va_conversation_enter (self);
  event = va_conversation_event_new (self, VA_EVENT_HANDOFF_STATUS);
  event->name = g_strdup (state);
  event->text = g_strdup (message);
  va_conversation_emit (self, event);
  if (self->state == VA_CONVERSATION_STATE_HANDED_OFF &&
      (g_str_equal (state, "completed") || g_str_equal (state, "failed")))
    va_conversation_set_state (self, VA_CONVERSATION_STATE_WAITING);
  va_conversation_leave (self);
}

/* }}} */
