/* va-event.c — what a conversation tells its listeners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-event.h"

G_DEFINE_BOXED_TYPE (VaEvent, va_event, va_event_ref, va_event_unref)

static const char * const kind_names[] = {
  [VA_EVENT_CONVERSATION_STARTED] = "conversation-started",
  [VA_EVENT_USER_MESSAGE] = "user-message",
  [VA_EVENT_RECOGNIZED] = "recognized",
  [VA_EVENT_TOPIC_STARTED] = "topic-started",
  [VA_EVENT_TOPIC_ENDED] = "topic-ended",
  [VA_EVENT_NODE_ENTERED] = "node-entered",
  [VA_EVENT_BOT_MESSAGE] = "bot-message",
  [VA_EVENT_VARIABLE_CHANGED] = "variable-changed",
  [VA_EVENT_ACTION] = "action",
  [VA_EVENT_HANDOFF] = "handoff",
  [VA_EVENT_HANDOFF_STATUS] = "handoff-status",
  [VA_EVENT_AGENT_MESSAGE] = "agent-message",
  [VA_EVENT_CONVERSATION_ENDED] = "conversation-ended",
  [VA_EVENT_ERROR] = "error",
};

/**
 * va_event_new:
 * @kind: the kind
 *
 * Returns: (transfer full): an empty event; the runtime fills in the fields
 */
VaEvent *
va_event_new (VaEventKind kind)
{
  VaEvent *event = g_atomic_rc_box_new0 (VaEvent);

  event->kind = kind;
  return event;
}

VaEvent *
va_event_ref (VaEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);
  return g_atomic_rc_box_acquire (event);
}

static void
va_event_clear (VaEvent *event)
{
  g_free (event->topic_id);
  g_free (event->topic_name);
  g_free (event->node_id);
  g_free (event->name);
  g_free (event->text);
  g_strfreev (event->choices);
  g_clear_pointer (&event->data, json_node_unref);
}

void
va_event_unref (VaEvent *event)
{
  g_return_if_fail (event != NULL);
  g_atomic_rc_box_release_full (event, (GDestroyNotify) va_event_clear);
}

const char *
va_event_kind_to_string (VaEventKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return "unknown";
  return kind_names[kind];
}

/**
 * va_event_to_json:
 * @event: an event
 *
 * The event as one JSON object, the form `virtual-agent-cli chat --json` prints: "event" holds
 * the kind, then only the fields that are set.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
va_event_to_json (VaEvent *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (event != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, va_event_kind_to_string (event->kind));
  json_builder_set_member_name (builder, "turn");
  json_builder_add_int_value (builder, event->turn);

#define ADD_STRING(member, field) \
  if (event->field != NULL) \
    { \
      json_builder_set_member_name (builder, member); \
      json_builder_add_string_value (builder, event->field); \
    }
  ADD_STRING ("topic", topic_id);
  ADD_STRING ("topic_name", topic_name);
  ADD_STRING ("node", node_id);
  ADD_STRING ("name", name);
  ADD_STRING ("text", text);
#undef ADD_STRING

  if (event->choices != NULL)
    {
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint i = 0; event->choices[i] != NULL; i++)
        json_builder_add_string_value (builder, event->choices[i]);
      json_builder_end_array (builder);
    }
  if (event->data != NULL)
    {
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, json_node_copy (event->data));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
