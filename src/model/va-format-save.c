/* va-format-save.c
 *
 * Writing .vabot files: the same table as the reader, in file order,
 * printed as the document is walked (see va-format.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "va-format-private.h"
#include "va-node.h"
#include "va-topic.h"

/* The writer prints as it walks the document, in the layout of json-glib's
 * tree that it used to build first: `"key": value`, two spaces a level, and
 * arrays of numbers (layout positions) on one line, so that moving a node
 * changes one line of the file.
 */
typedef struct
{
  GString *out;
  guint depth;
  gboolean empty[VA_FORMAT_MAX_DEPTH];   /* whether the object or array at each depth has nothing yet */
} Writer;

static void
append_newline (Writer *writer,
                guint   depth)
{
  static const char indent[] = "\n                                                                ";
  guint n = 1 + depth * 2;

  g_string_append_len (writer->out, indent, MIN (n, sizeof indent - 1));
  for (n -= MIN (n, sizeof indent - 1); n > 0; n--)
    g_string_append_c (writer->out, ' ');
}

/* printf () would take a good part of the time to save a big bot. */
static void
append_int (Writer *writer,
            int     value)
{
  char digits[16];
  guint n = 0;
  unsigned int magnitude = value < 0 ? 0u - (unsigned int) value : (unsigned int) value;

  do
    {
      digits[sizeof digits - 1 - n++] = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    digits[sizeof digits - 1 - n++] = '-';
  g_string_append_len (writer->out, digits + sizeof digits - n, n);
}

static void
append_string (Writer     *writer,
               const char *str)
{
  g_string_append_c (writer->out, '"');
  va_json_append_escaped (writer->out, str);
  g_string_append_c (writer->out, '"');
}

static void
begin (Writer *writer,
       char    bracket)
{
  g_string_append_c (writer->out, bracket);
  writer->depth++;
  g_assert (writer->depth < G_N_ELEMENTS (writer->empty));
  writer->empty[writer->depth] = TRUE;
}

static void
end (Writer *writer,
     char    bracket)
{
  if (!writer->empty[writer->depth])
    append_newline (writer, writer->depth - 1);
  g_string_append_c (writer->out, bracket);
  writer->depth--;
}

/* Starts the next element of the array being written. */
static void
element (Writer *writer)
{
  if (!writer->empty[writer->depth])
    g_string_append_c (writer->out, ',');
  writer->empty[writer->depth] = FALSE;
  append_newline (writer, writer->depth);
}

/* Starts the member @key of the object being written: its value follows. */
static void
member (Writer     *writer,
        const char *key)
{
  element (writer);
  append_string (writer, key != NULL ? key : "");
  g_string_append (writer->out, ": ");
}

/* Writes the field unless it has its default value and is not @always written. */
static void
write_property (Writer          *writer,
                GObject         *object,
                const FieldSpec *field,
                gboolean         always)
{
  GParamSpec *pspec = field->pspec;

  if (pspec->value_type == G_TYPE_STRING)
    {
      const char *str = ((VaFormatGetString) field->get) (object);

      if (!always && (str == NULL || str[0] == '\0'))
        return;
      member (writer, field->key);
      append_string (writer, str != NULL ? str : "");
    }
  else if (pspec->value_type == G_TYPE_STRV)
    {
      const char * const *strv = ((VaFormatGetStrv) field->get) (object);

      if (!always && (strv == NULL || strv[0] == NULL))
        return;
      member (writer, field->key);
      begin (writer, '[');
      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        {
          element (writer);
          append_string (writer, strv[i]);
        }
      end (writer, ']');
    }
  else
    {
      int value = ((VaFormatGetInt) field->get) (object);

      if (pspec->value_type == G_TYPE_BOOLEAN)
        {
          if (!always && value == G_PARAM_SPEC_BOOLEAN (pspec)->default_value)
            return;
          member (writer, field->key);
          g_string_append (writer->out, value ? "true" : "false");
        }
      else if (pspec->value_type == G_TYPE_INT)
        {
          if (!always && value == G_PARAM_SPEC_INT (pspec)->default_value)
            return;
          member (writer, field->key);
          append_int (writer, value);
        }
      else if (G_TYPE_IS_ENUM (pspec->value_type))
        {
          if (!always && value == G_PARAM_SPEC_ENUM (pspec)->default_value)
            return;
          member (writer, field->key);
          append_string (writer, g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, value)->value_nick);
        }
      else
        g_assert_not_reached ();
    }
}

static void write_object (Writer  *writer,
                          GObject *object);

static void
write_list (Writer     *writer,
            const char *key,
            GListModel *list)
{
  guint n = g_list_model_get_n_items (list);

  if (n == 0)
    return;

  member (writer, key);
  begin (writer, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      element (writer);
      write_object (writer, item);
    }
  end (writer, ']');
}

static void
write_object (Writer  *writer,
              GObject *object)
{
  const ObjectSpec *spec = va_format_find_spec (G_OBJECT_TYPE (object));

  begin (writer, '{');
  if (VA_IS_NODE (object))
    {
      member (writer, "id");
      append_string (writer, va_node_get_id (VA_NODE (object)));
      member (writer, "type");
      append_string (writer, va_node_kind_to_string (va_node_get_kind (VA_NODE (object))));
    }
  for (const FieldSpec *field = spec->fields; field->name != NULL; field++)
    write_property (writer, object, field, field->required);
  for (const ListSpec *list = spec->lists; list->key != NULL; list++)
    write_list (writer, list->key, list->get (object));
  if (VA_IS_TOPIC (object))
    write_list (writer, "nodes", va_topic_get_nodes (VA_TOPIC (object)));
  end (writer, '}');
}

static void
write_section (Writer     *writer,
               VaBot      *bot,
               const char *section)
{
  const ObjectSpec *spec = va_format_find_section_spec (section);

  member (writer, section);
  begin (writer, '{');
  for (const FieldSpec *field = spec->fields; field->name != NULL; field++)
    write_property (writer, G_OBJECT (bot), field,
                    g_str_equal (field->name, "name") || g_str_equal (field->name, "id"));
  end (writer, '}');
}

/* The ids that come more than once in @items (none in a sound document), each with the last
 * of its items: a JSON object has each member once, in the place of its first mention and with
 * its last value, as json-glib's builder made it.
 */
static GHashTable *
find_repeated_ids (GPtrArray  *items,
                   const char *(*get_id) (gpointer item))
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *repeated = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = get_id (g_ptr_array_index (items, i));

      if (id == NULL)
        id = "";
      if (g_hash_table_add (seen, (gpointer) id))
        continue;
      if (repeated == NULL)
        repeated = g_hash_table_new (g_str_hash, g_str_equal);
    }
  if (repeated == NULL)
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = get_id (g_ptr_array_index (items, i));

      g_hash_table_insert (repeated, (gpointer) (id != NULL ? id : ""), g_ptr_array_index (items, i));
    }
  return repeated;
}

/* Whether @item is to be written where it stands; *@value is the item whose value goes there.
 * @written (the ids written so far) is needed only when some are @repeated. */
static gboolean
take_member (GHashTable  *repeated,
             GHashTable  *written,
             const char  *id,
             gpointer     item,
             gpointer    *value)
{
  *value = item;
  if (repeated == NULL)
    return TRUE;
  if (id == NULL)
    id = "";
  if (!g_hash_table_add (written, (gpointer) id))
    return FALSE;
  *value = g_hash_table_lookup (repeated, id);
  return TRUE;
}

static GPtrArray *
list_items (GListModel *list)
{
  guint n = g_list_model_get_n_items (list);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (list, i));
  return items;
}

static void
write_positions (Writer *writer,
                 VaTopic *topic)
{
  g_autoptr(GPtrArray) nodes = list_items (va_topic_get_nodes (topic));
  g_autoptr(GHashTable) repeated = find_repeated_ids (nodes, (gpointer) va_node_get_id);
  g_autoptr(GHashTable) written = repeated != NULL ? g_hash_table_new (g_str_hash, g_str_equal) : NULL;

  begin (writer, '{');
  for (guint j = 0; j < nodes->len; j++)
    {
      VaNode *node = g_ptr_array_index (nodes, j);
      gpointer value;

      if (!take_member (repeated, written, va_node_get_id (node), node, &value))
        continue;
      member (writer, va_node_get_id (node));
      g_string_append_c (writer->out, '[');
      append_int (writer, va_node_get_x (value));
      g_string_append (writer->out, ", ");
      append_int (writer, va_node_get_y (value));
      g_string_append_c (writer->out, ']');
    }
  end (writer, '}');
}

static void
write_layout (Writer *writer,
              VaBot  *bot)
{
  g_autoptr(GPtrArray) all_topics = list_items (va_bot_get_topics (bot));
  g_autoptr(GPtrArray) topics = g_ptr_array_new ();
  g_autoptr(GHashTable) repeated = NULL;
  g_autoptr(GHashTable) written = NULL;

  /* Topics without nodes have no positions and no member. */
  for (guint i = 0; i < all_topics->len; i++)
    if (g_list_model_get_n_items (va_topic_get_nodes (g_ptr_array_index (all_topics, i))) > 0)
      g_ptr_array_add (topics, g_ptr_array_index (all_topics, i));
  repeated = find_repeated_ids (topics, (gpointer) va_topic_get_id);
  written = repeated != NULL ? g_hash_table_new (g_str_hash, g_str_equal) : NULL;

  member (writer, "layout");
  begin (writer, '{');
  for (guint i = 0; i < topics->len; i++)
    {
      VaTopic *topic = g_ptr_array_index (topics, i);
      gpointer value;

      if (!take_member (repeated, written, va_topic_get_id (topic), topic, &value))
        continue;
      member (writer, va_topic_get_id (topic));
      write_positions (writer, value);
    }
  end (writer, '}');
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
  Writer writer = { NULL, 0, { FALSE, } };

  g_return_val_if_fail (VA_IS_BOT (bot), NULL);

  writer.out = g_string_sized_new (64 * 1024);
  begin (&writer, '{');
  member (&writer, "format");
  append_string (&writer, VA_FORMAT_NAME);
  member (&writer, "version");
  append_int (&writer, VA_FORMAT_VERSION);
  write_section (&writer, bot, "bot");
  write_section (&writer, bot, "settings");
  write_list (&writer, "variables", va_bot_get_variables (bot));
  write_list (&writer, "entities", va_bot_get_entities (bot));
  write_list (&writer, "topics", va_bot_get_topics (bot));
  write_layout (&writer, bot);
  end (&writer, '}');
  g_string_append_c (writer.out, '\n');

  if (length != NULL)
    *length = writer.out->len;
  return g_string_free (writer.out, FALSE);
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
