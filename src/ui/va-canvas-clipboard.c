/* va-canvas-clipboard.c — copy, paste and duplicate, each paste one undo step
 *
 * The clipboard holds a JSON fragment of our own ("virtual-agent-nodes"):
 * each node's kind, id and writable properties, with its lists (a
 * question's options, a condition's branches and their clauses, an
 * action's response mappings). Pasting gives the nodes new ids, keeps the
 * edges among them and drops those that lead outside. Duplicating pastes
 * the selection's own fragment without going through the clipboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "va-canvas-private.h"
#include "va-action-node.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-json-value.h"
#include "va-question-node.h"
#include "va-response-mapping.h"

#define CLIPBOARD_FORMAT   "virtual-agent-nodes"
#define CLIPBOARD_MAX_SIZE (4 * 1024 * 1024)
#define CLIPBOARD_MAX_LIST 10000
#define PASTE_OFFSET       40

/* ---- clipboard: writing ------------------------------------------------------------------- */

typedef struct
{
  GType        (*type) (void);
  const char    *key;
  GListModel  *(*get) (gpointer object);
  GType        (*item_type) (void);
} ListSpec;

static const ListSpec list_specs[] = {
  { va_question_node_get_type, "options", (gpointer) va_question_node_get_options, va_choice_get_type },
  { va_condition_node_get_type, "branches", (gpointer) va_condition_node_get_branches,
    va_condition_branch_get_type },
  { va_condition_branch_get_type, "clauses", (gpointer) va_condition_branch_get_clauses, va_clause_get_type },
  { va_action_node_get_type, "mappings", (gpointer) va_action_node_get_mappings,
    va_response_mapping_get_type },
};

static gboolean
is_copied_property (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE &&
         (pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0;
}

static void
write_object (JsonBuilder *builder,
              GObject     *object)
{
  guint n_specs;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_specs);

  for (guint i = 0; i < n_specs; i++)
    {
      GParamSpec *pspec = specs[i];
      GType type = pspec->value_type;
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_copied_property (pspec))
        continue;
      g_value_init (&value, type);
      g_object_get_property (object, pspec->name, &value);

      if (type == G_TYPE_STRING)
        {
          if (g_value_get_string (&value) == NULL)
            continue;
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_string_value (builder, g_value_get_string (&value));
        }
      else if (type == G_TYPE_INT)
        {
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_int_value (builder, g_value_get_int (&value));
        }
      else if (type == G_TYPE_BOOLEAN)
        {
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
        }
      else if (G_TYPE_IS_ENUM (type))
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (type);
          GEnumValue *enum_value = g_enum_get_value (klass, g_value_get_enum (&value));

          if (enum_value == NULL)
            continue;
          json_builder_set_member_name (builder, pspec->name);
          json_builder_add_string_value (builder, enum_value->value_nick);
        }
      else if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (&value);

          if (strv == NULL)
            continue;
          json_builder_set_member_name (builder, pspec->name);
          json_builder_begin_array (builder);
          for (guint k = 0; strv[k] != NULL; k++)
            json_builder_add_string_value (builder, strv[k]);
          json_builder_end_array (builder);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_specs); i++)
    {
      GListModel *list;
      guint n;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (object, list_specs[i].type ()))
        continue;
      list = list_specs[i].get (object);
      n = g_list_model_get_n_items (list);
      json_builder_set_member_name (builder, list_specs[i].key);
      json_builder_begin_array (builder);
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (list, k);

          json_builder_begin_object (builder);
          write_object (builder, item);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
}

char *
va_canvas_serialize_selection (VaCanvas *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CLIPBOARD_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      if (!card->selected)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, va_node_kind_to_string (va_node_get_kind (card->node)));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, va_node_get_id (card->node));
      write_object (builder, G_OBJECT (card->node));
      json_builder_end_object (builder);
      n++;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (n == 0)
    return NULL;

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

void
va_canvas_copy (VaCanvas *self)
{
  g_autofree char *text = va_canvas_serialize_selection (self);

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  self->paste_count = 0;
}

/* ---- clipboard: reading ------------------------------------------------------------------- */

/* Clipboard text is untrusted: only known properties of the right JSON type are taken, and
 * the model's own property checks clamp the values. */
static void
read_object (GObject    *object,
             JsonObject *json)
{
  g_autoptr(GList) members = json_object_get_members (json);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (json, name);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
      GType type;
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspec == NULL || !is_copied_property (pspec))
        continue;
      type = pspec->value_type;
      g_value_init (&value, type);

      if (type == G_TYPE_STRING && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING)
        g_value_set_string (&value, json_node_get_string (member));
      else if (type == G_TYPE_INT && JSON_NODE_HOLDS_VALUE (member) &&
               json_node_get_value_type (member) == G_TYPE_INT64)
        g_value_set_int (&value, (int) CLAMP (json_node_get_int (member), G_MININT, G_MAXINT));
      else if (type == G_TYPE_BOOLEAN && JSON_NODE_HOLDS_VALUE (member) &&
               json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, json_node_get_boolean (member));
      else if (G_TYPE_IS_ENUM (type) && JSON_NODE_HOLDS_VALUE (member) &&
               json_node_get_value_type (member) == G_TYPE_STRING)
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (type);
          GEnumValue *enum_value = g_enum_get_value_by_nick (klass, json_node_get_string (member));

          if (enum_value == NULL)
            continue;
          g_value_set_enum (&value, enum_value->value);
        }
      else if (type == G_TYPE_STRV && JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *array = json_node_get_array (member);
          guint n = MIN (json_array_get_length (array), CLIPBOARD_MAX_LIST);
          g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();

          for (guint k = 0; k < n; k++)
            {
              JsonNode *element = json_array_get_element (array, k);

              if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
                g_strv_builder_add (strv, json_node_get_string (element));
            }
          g_value_take_boxed (&value, g_strv_builder_end (strv));
        }
      else
        continue;

      g_param_value_validate (pspec, &value);
      g_object_set_property (object, name, &value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_specs); i++)
    {
      JsonNode *member;
      JsonArray *array;
      guint n;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (object, list_specs[i].type ()) ||
          (member = json_object_get_member (json, list_specs[i].key)) == NULL ||
          !JSON_NODE_HOLDS_ARRAY (member))
        continue;
      array = json_node_get_array (member);
      n = MIN (json_array_get_length (array), CLIPBOARD_MAX_LIST);
      for (guint k = 0; k < n; k++)
        {
          JsonNode *element = json_array_get_element (array, k);
          g_autoptr(GObject) item = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          item = g_object_new (list_specs[i].item_type (), NULL);
          read_object (item, json_node_get_object (element));
          g_list_store_append (G_LIST_STORE (list_specs[i].get (object)), item);
        }
    }
}

/* New ids "n<k>" free in the topic and among those handed out already. */
static char *
fresh_id (VaTopic    *topic,
          GHashTable *taken,
          guint64    *counter)
{
  for (;;)
    {
      char *id = g_strdup_printf ("n%" G_GUINT64_FORMAT, (*counter)++);

      if (va_topic_find_node (topic, id, NULL) == NULL && !g_hash_table_contains (taken, id))
        return id;
      g_free (id);
    }
}

/* Adds the nodes of a clipboard text, moved by @offset, as one undo step named by @what. */
static gboolean
paste_nodes (VaCanvas   *self,
             const char *text,
             int         offset,
             const char *(*what) (guint n))
{
  VaHistory *history = va_canvas_ensure_history (self);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *first_id = NULL;
  JsonObject *object;
  JsonArray *array;
  guint n;
  guint64 counter;

  if (self->topic == NULL || text == NULL || strlen (text) > CLIPBOARD_MAX_SIZE)
    return FALSE;
  /* Any program may have put the text there: read it as untrusted JSON (bounded depth). */
  root = va_json_value_parse (text, -1, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""), CLIPBOARD_FORMAT) != 0 ||
      !json_object_has_member (object, "nodes") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "nodes")))
    return FALSE;
  array = json_object_get_array_member (object, "nodes");
  n = MIN (json_array_get_length (array), CLIPBOARD_MAX_LIST);

  {
    g_autofree char *base = va_topic_make_node_id (self->topic);

    counter = g_ascii_strtoull (base + 1, NULL, 10);
  }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *json;
      const char *old_id;
      VaNodeKind kind;
      char *id;
      VaNode *node;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      json = json_node_get_object (element);
      old_id = json_object_get_string_member_with_default (json, "id", NULL);
      if (!va_node_kind_from_string (json_object_get_string_member_with_default (json, "kind", NULL), &kind))
        continue;
      id = fresh_id (self->topic, taken, &counter);
      g_hash_table_add (taken, id);
      if (old_id != NULL)
        g_hash_table_replace (ids, g_strdup (old_id), g_strdup (id));
      node = va_node_new_for_kind (kind, id);
      read_object (G_OBJECT (node), json);
      va_node_set_position (node, va_node_get_x (node) + offset, va_node_get_y (node) + offset);
      g_ptr_array_add (nodes, node);
    }
  if (nodes->len == 0)
    return FALSE;

  /* Edges among the pasted nodes follow them; edges to anything else are dropped. */
  for (guint i = 0; i < nodes->len; i++)
    {
      g_autoptr(GPtrArray) ports = va_node_list_ports (g_ptr_array_index (nodes, i));

      for (guint j = 0; j < ports->len; j++)
        {
          VaPort *port = g_ptr_array_index (ports, j);
          const char *target = va_port_get_target (port);

          if (target != NULL)
            g_object_set (port->owner, port->property, g_hash_table_lookup (ids, target), NULL);
        }
    }

  first_id = g_strdup (va_node_get_id (g_ptr_array_index (nodes, 0)));
  va_history_begin (history, what (nodes->len));
  for (guint i = 0; i < nodes->len; i++)
    va_history_append (history, va_topic_get_nodes (self->topic), g_ptr_array_index (nodes, i));
  if (va_topic_get_start (self->topic) == NULL)
    va_history_set (history, self->topic, "start", first_id, NULL);
  va_history_end (history);

  for (guint i = 0; i < self->cards->len; i++)
    {
      VaCanvasCard *card = g_ptr_array_index (self->cards, i);

      card->selected = g_hash_table_contains (taken, va_node_get_id (card->node));
    }
  va_canvas_set_primary (self, va_canvas_find_card (self, first_id));
  va_canvas_selection_changed (self);
  va_canvas_ensure_visible (self, va_canvas_find_card (self, first_id));
  return TRUE;
}

static const char *
paste_label (guint n)
{
  return ngettext ("Paste Node", "Paste Nodes", n);
}

static const char *
duplicate_label (guint n)
{
  return ngettext ("Duplicate Node", "Duplicate Nodes", n);
}

/* Each paste of the same copy lands a step further, so that the copies do not stack. */
gboolean
va_canvas_paste_text (VaCanvas   *self,
                      const char *text)
{
  if (!paste_nodes (self, text, PASTE_OFFSET * (int) (self->paste_count + 1), paste_label))
    return FALSE;
  self->paste_count++;
  return TRUE;
}

/* A copy of the selection beside it, without going through the clipboard. */
gboolean
va_canvas_duplicate (VaCanvas *self)
{
  g_autofree char *text = va_canvas_serialize_selection (self);

  return text != NULL && paste_nodes (self, text, PASTE_OFFSET, duplicate_label);
}

static void
paste_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VaCanvas) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text != NULL && self->topic != NULL)
    va_canvas_paste_text (self, text);
}

void
va_canvas_paste (VaCanvas *self)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 paste_ready_cb, g_object_ref (self));
}
