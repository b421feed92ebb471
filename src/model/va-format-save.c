/* va-format-save.c
 *
 * Writing .vabot files: the same table as the reader, in file order,
 * through our own pretty printer (see va-format.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "va-format-private.h"
#include "va-node.h"
#include "va-topic.h"

static gboolean
is_default (GObject    *object,
            GParamSpec *pspec)
{
  GValue value = G_VALUE_INIT;
  gboolean result;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  if (pspec->value_type == G_TYPE_STRING)
    {
      const char *str = g_value_get_string (&value);

      result = str == NULL || str[0] == '\0';
    }
  else if (pspec->value_type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (&value);

      result = strv == NULL || strv[0] == NULL;
    }
  else
    {
      result = g_param_value_defaults (pspec, &value);
    }
  g_value_unset (&value);
  return result;
}

static void
write_property (JsonBuilder *builder,
                GObject     *object,
                const char  *name,
                gboolean     always)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_autofree char *key = va_format_property_to_key (name);
  GValue value = G_VALUE_INIT;

  g_assert (pspec != NULL);
  if (!always && is_default (object, pspec))
    return;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, name, &value);
  json_builder_set_member_name (builder, key);

  if (pspec->value_type == G_TYPE_STRING)
    json_builder_add_string_value (builder, g_value_get_string (&value) ? g_value_get_string (&value) : "");
  else if (pspec->value_type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (&value);

      json_builder_begin_array (builder);
      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        json_builder_add_string_value (builder, strv[i]);
      json_builder_end_array (builder);
    }
  else if (pspec->value_type == G_TYPE_BOOLEAN)
    json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
  else if (pspec->value_type == G_TYPE_INT)
    json_builder_add_int_value (builder, g_value_get_int (&value));
  else if (G_TYPE_IS_ENUM (pspec->value_type))
    {
      GEnumValue *ev = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, g_value_get_enum (&value));

      json_builder_add_string_value (builder, ev->value_nick);
    }
  else
    g_assert_not_reached ();

  g_value_unset (&value);
}

static void write_object (JsonBuilder *builder,
                          GObject     *object);

static void
write_list (JsonBuilder *builder,
            const char  *key,
            GListModel  *list)
{
  guint n = g_list_model_get_n_items (list);

  if (n == 0)
    return;

  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      write_object (builder, item);
    }
  json_builder_end_array (builder);
}

static void
write_fields (JsonBuilder *builder,
              GObject     *object)
{
  const ObjectSpec *spec = va_format_find_spec (G_OBJECT_TYPE (object));

  for (const char * const *prop = spec->props; *prop != NULL; prop++)
    write_property (builder, object, *prop, g_strv_contains (spec->required, *prop));
  for (const ListSpec *list = spec->lists; list->key != NULL; list++)
    write_list (builder, list->key, list->get (object));
}

static void
write_object (JsonBuilder *builder,
              GObject     *object)
{
  json_builder_begin_object (builder);
  if (VA_IS_NODE (object))
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, va_node_get_id (VA_NODE (object)));
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, va_node_kind_to_string (va_node_get_kind (VA_NODE (object))));
    }
  write_fields (builder, object);
  if (VA_IS_TOPIC (object))
    write_list (builder, "nodes", va_topic_get_nodes (VA_TOPIC (object)));
  json_builder_end_object (builder);
}

static void
write_section (JsonBuilder        *builder,
               GObject            *object,
               const char         *section,
               const char * const *props)
{
  json_builder_set_member_name (builder, section);
  json_builder_begin_object (builder);
  for (const char * const *prop = props; *prop != NULL; prop++)
    write_property (builder, object, *prop, g_str_equal (*prop, "name") || g_str_equal (*prop, "id"));
  json_builder_end_object (builder);
}

static void
write_layout (JsonBuilder *builder,
              VaBot       *bot)
{
  GListModel *topics = va_bot_get_topics (bot);

  json_builder_set_member_name (builder, "layout");
  json_builder_begin_object (builder);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      GListModel *nodes = va_topic_get_nodes (topic);

      if (g_list_model_get_n_items (nodes) == 0)
        continue;

      json_builder_set_member_name (builder, va_topic_get_id (topic));
      json_builder_begin_object (builder);
      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(VaNode) node = g_list_model_get_item (nodes, j);

          json_builder_set_member_name (builder, va_node_get_id (node));
          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, va_node_get_x (node));
          json_builder_add_int_value (builder, va_node_get_y (node));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* Our own pretty printer rather than JsonGenerator's: `"key": value`,
 * and arrays of numbers (layout positions) on one line, so that moving a
 * node changes one line of the file.
 */
static void
append_json_string (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');
  va_json_append_escaped (out, str);
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out,
               guint    depth)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_json (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &key, &member))
          {
            g_string_append (out, first ? "" : ",");
            append_indent (out, depth + 1);
            append_json_string (out, key);
            g_string_append (out, ": ");
            append_json (out, member, depth + 1);
            first = FALSE;
          }
        if (!first)
          append_indent (out, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        gboolean inline_numbers = TRUE;

        for (guint i = 0; i < n && inline_numbers; i++)
          inline_numbers = va_format_is_value_of (json_array_get_element (array, i), G_TYPE_INT64);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append (out, i > 0 ? (inline_numbers ? ", " : ",") : "");
            if (!inline_numbers)
              append_indent (out, depth + 1);
            append_json (out, json_array_get_element (array, i), depth + 1);
          }
        if (n > 0 && !inline_numbers)
          append_indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_json_string (out, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        default:
          g_assert_not_reached ();   /* the writer makes no floats */
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

/**
 * va_format_save_data:
 * @bot: a bot
 * @length: (out) (optional): the length of the result
 *
 * Writes @bot as .vabot text: the same bot always gives the same bytes.
 *
 * Returns: (transfer full): the file's contents, nul-terminated
 */
char *
va_format_save_data (VaBot *bot,
                     gsize *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (VA_IS_BOT (bot), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, VA_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, VA_FORMAT_VERSION);
  write_section (builder, G_OBJECT (bot), "bot", va_format_bot_props);
  write_section (builder, G_OBJECT (bot), "settings", va_format_settings_props);
  write_list (builder, "variables", va_bot_get_variables (bot));
  write_list (builder, "entities", va_bot_get_entities (bot));
  write_list (builder, "topics", va_bot_get_topics (bot));
  write_layout (builder, bot);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  out = g_string_new (NULL);
  append_json (out, root, 0);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * va_format_save_file:
 * @bot: a bot
 * @file: where to save
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves atomically: the data goes to a temporary file that then replaces
 * @file, so a crash never leaves half a bot; the previous version is kept
 * as a backup (`name.vabot~`).
 *
 * Returns: %TRUE on success
 */
gboolean
va_format_save_file (VaBot         *bot,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (VA_IS_BOT (bot), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = va_format_save_data (bot, &length);
  return g_file_replace_contents (file, data, length, NULL, TRUE, G_FILE_CREATE_NONE,
                                  NULL, cancellable, error);
}
