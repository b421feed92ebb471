/* va-hub-conversations.c — the conversations the local hub keeps: what a handoff brings (the
 * transcript, the variables), their messages, room for new ones, and their state as the page's JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "va-hub-private.h"
#include "va-json-value.h"

/* {{{ Helpers */

/* Random bytes from the kernel, as hex. GLib's generator is a Mersenne Twister whose output can be
 * predicted from earlier output, so tokens must not come from it alone. */
char *
va_hub_random_hex (guint n_bytes)
{
  g_autofree guchar *bytes = g_malloc0 (n_bytes);
  GString *hex = g_string_sized_new (2 * n_bytes);
  FILE *source = fopen ("/dev/urandom", "rb");
  gsize got = 0;

  if (source != NULL)
    {
      setvbuf (source, NULL, _IONBF, 0);
      got = fread (bytes, 1, n_bytes, source);
      fclose (source);
    }
  /* No /dev/urandom (a strange sandbox): better a weaker token than no hub. */
  for (; got < n_bytes; got++)
    bytes[got] = (guchar) g_random_int_range (0, 256);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

/* Valid UTF-8 of at most VA_HUB_MAX_TEXT characters, without surrounding blanks. */
char *
va_hub_cut_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) > VA_HUB_MAX_TEXT)
    {
      g_autofree char *cut = g_utf8_substring (valid, 0, VA_HUB_MAX_TEXT - 1);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

gboolean
va_hub_status_is_final (const char *status)
{
  return g_strcmp0 (status, "completed") == 0 || g_strcmp0 (status, "failed") == 0;
}

/* }}} */
/* {{{ Conversations */

static void
message_free (VaHubMessage *message)
{
  g_free (message->role);
  g_free (message->text);
  g_free (message);
}

void
va_hub_conversation_free (VaHubConversation *conversation)
{
  /* Polls still waiting learn that the conversation is gone, the way an unknown id does. */
  while (conversation->waiters->len > 0)
    va_hub_waiter_answer (g_ptr_array_steal_index (conversation->waiters, 0),
                          SOUP_STATUS_NOT_FOUND);
  g_ptr_array_unref (conversation->waiters);
  g_ptr_array_unref (conversation->messages);
  g_clear_pointer (&conversation->variables, json_node_unref);
  g_free (conversation->id);
  g_free (conversation->token);
  g_free (conversation->conversation_id);
  g_free (conversation->bot_name);
  g_free (conversation->agent_message);
  g_free (conversation->status);
  g_free (conversation->status_message);
  g_free (conversation);
}

VaHubConversation *
va_hub_find (VaHub      *self,
             const char *id)
{
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

static void
remove_conversation (VaHub             *self,
                     VaHubConversation *conversation)
{
  if (g_hash_table_lookup (self->by_conversation, conversation->conversation_id) == conversation)
    g_hash_table_remove (self->by_conversation, conversation->conversation_id);
  g_hash_table_remove (self->by_id, conversation->id);
}

/* Room for one more: the oldest finished conversation makes way; live ones never do. */
static gboolean
make_room (VaHub *self)
{
  VaHubConversation *oldest = NULL;
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->by_id) < VA_HUB_MAX_CONVERSATIONS)
    return TRUE;
  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      VaHubConversation *conversation = value;

      if (va_hub_status_is_final (conversation->status) &&
          (oldest == NULL || conversation->serial < oldest->serial))
        oldest = conversation;
    }
  if (oldest == NULL)
    return FALSE;
  remove_conversation (self, oldest);
  return TRUE;
}

static void
read_transcript (VaHubConversation *conversation,
                 JsonObject        *activity)
{
  JsonArray *attachments = va_json_array_member (activity, "attachments");
  JsonArray *activities = NULL;
  guint length, first;

  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonNode *element = json_array_get_element (attachments, i);
      JsonObject *attachment = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                                : NULL;
      const char *name = va_json_string_member (attachment, "name");

      if (name != NULL && g_ascii_strcasecmp (name, "Transcript") == 0)
        {
          activities = va_json_array_member (va_json_object_member (attachment, "content"), "activities");
          break;
        }
    }
  if (activities == NULL)
    return;

  /* A transcript longer than half the room keeps its end: the agent needs the latest turns. */
  length = json_array_get_length (activities);
  first = length > VA_HUB_MAX_MESSAGES / 2 ? length - VA_HUB_MAX_MESSAGES / 2 : 0;
  for (guint i = first; i < length; i++)
    {
      JsonNode *element = json_array_get_element (activities, i);
      JsonObject *message = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                             : NULL;
      const char *type = va_json_string_member (message, "type");
      const char *text = va_json_string_member (message, "text");
      const char *role = va_json_string_member (va_json_object_member (message, "from"), "role");
      VaHubMessage *entry;

      if (text == NULL || (type != NULL && g_strcmp0 (type, "message") != 0))
        continue;
      entry = g_new0 (VaHubMessage, 1);
      entry->role = g_strdup (g_strcmp0 (role, "user") == 0 ? "user" :
                              g_strcmp0 (role, "agent") == 0 ? "agent" : "bot");
      entry->text = va_hub_cut_text (text);
      g_ptr_array_add (conversation->messages, entry);
    }
}

/* @activity is a handoff.initiate event whose "value" is an object (va-hub-routes.c checks). */
VaHubConversation *
va_hub_add_conversation (VaHub      *self,
                         JsonObject *activity)
{
  JsonObject *value = va_json_object_member (activity, "value");
  VaHubConversation *conversation, *previous;
  const char *conversation_id;
  const char *bot_name;

  if (!make_room (self))
    return NULL;

  conversation = g_new0 (VaHubConversation, 1);
  do
    {
      g_free (conversation->id);
      conversation->id = va_hub_random_hex (8);
    }
  while (g_hash_table_contains (self->by_id, conversation->id));
  conversation->token = va_hub_random_hex (16);

  conversation_id = va_json_string_member (value, "va_ConversationId");
  if (conversation_id == NULL || conversation_id[0] == '\0')
    conversation_id = va_json_string_member (va_json_object_member (activity, "conversation"), "id");
  if (conversation_id == NULL || conversation_id[0] == '\0')
    conversation_id = conversation->id;
  conversation->conversation_id = va_hub_cut_text (conversation_id);
  bot_name = va_json_string_member (value, "va_BotName");
  if (bot_name == NULL)
    bot_name = va_json_string_member (va_json_object_member (activity, "from"), "name");
  conversation->bot_name = va_hub_cut_text (bot_name);
  conversation->agent_message = va_hub_cut_text (va_json_string_member (value, "va_AgentMessage"));
  conversation->variables = json_node_copy (json_object_get_member (activity, "value"));
  conversation->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
  conversation->waiters = g_ptr_array_new ();
  conversation->status = g_strdup ("pending");
  conversation->serial = ++self->serial;
  read_transcript (conversation, activity);

  /* The same conversation handed off again (after the bot got it back) gets a new page. */
  previous = g_hash_table_lookup (self->by_conversation, conversation->conversation_id);
  if (previous != NULL)
    remove_conversation (self, previous);

  g_hash_table_insert (self->by_id, conversation->id, conversation);
  g_hash_table_insert (self->by_conversation, conversation->conversation_id, conversation);
  return conversation;
}

gboolean
va_hub_add_message (VaHub             *self,
                    VaHubConversation *conversation,
                    const char        *role,
                    const char        *text)
{
  VaHubMessage *message;

  if (conversation->messages->len >= VA_HUB_MAX_MESSAGES)
    return FALSE;
  message = g_new0 (VaHubMessage, 1);
  message->role = g_strdup (role);
  message->text = va_hub_cut_text (text);
  g_ptr_array_add (conversation->messages, message);
  va_hub_wake_waiters (conversation);
  return TRUE;
}

/* }}} */
/* {{{ JSON for the page */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_messages (JsonBuilder       *builder,
              VaHubConversation *conversation,
              guint              from,
              gboolean           with_seq)
{
  for (guint i = from; i < conversation->messages->len; i++)
    {
      VaHubMessage *message = g_ptr_array_index (conversation->messages, i);

      json_builder_begin_object (builder);
      if (with_seq)
        {
          json_builder_set_member_name (builder, "seq");
          json_builder_add_int_value (builder, i);
        }
      add_string (builder, "role", message->role);
      add_string (builder, "text", message->text);
      json_builder_end_object (builder);
    }
}

/* What the page shows. Data only: the page puts every string in with textContent. */
JsonNode *
va_hub_state_to_json (VaHubConversation *conversation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "id", conversation->id);
  add_string (builder, "conversation_id", conversation->conversation_id);
  add_string (builder, "bot_name", conversation->bot_name);
  add_string (builder, "agent_message", conversation->agent_message);
  add_string (builder, "status", conversation->status);
  add_string (builder, "status_message", conversation->status_message);
  json_builder_set_member_name (builder, "variables");
  json_builder_add_value (builder, json_node_copy (conversation->variables));
  json_builder_set_member_name (builder, "transcript");
  json_builder_begin_array (builder);
  add_messages (builder, conversation, 0, FALSE);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next");
  json_builder_add_int_value (builder, conversation->messages->len);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
va_hub_events_to_json (VaHubConversation *conversation,
                       guint              after)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  add_messages (builder, conversation, after, TRUE);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next");
  json_builder_add_int_value (builder, conversation->messages->len);
  add_string (builder, "status", conversation->status);
  add_string (builder, "status_message", conversation->status_message);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
va_hub_conversation_chat_url (VaHub             *self,
                              VaHubConversation *conversation)
{
  return g_strdup_printf ("%sc/%s?token=%s", self->url, conversation->id, conversation->token);
}

/* }}} */
