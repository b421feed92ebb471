/* va-conversation-variables.c — the conversation's variables: setting them, reading them (with
 * the Bot. and System. ones), clearing them, and all of them as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "va-conversation-private.h"
#include "va-interpolate.h"

/* {{{ Variables */

GHashTable *
va_conversation_new_var_table (void)
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
          vars = va_conversation_new_var_table ();
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

void
va_conversation_clear_variables (VaConversation *self)
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
