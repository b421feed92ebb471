/* va-format-read.c
 *
 * The generic part of the .vabot reader: problems with their place in the
 * file (a JSON path), and objects read field by field through the table of
 * va-format-spec.c, with strings and lists bounded as they are read. The
 * bot, its topics, nodes and layout are read in va-format.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-format-private.h"

/* Problems quote the file (field names, ids, values): a hostile file must not make a message
 * of megabytes or of invalid UTF-8. Cuts @text to @max bytes on a character boundary. */
static char *
shorten (const char *text,
         gsize       max)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  const char *end;

  if (strlen (valid) <= max)
    return g_steal_pointer (&valid);
  end = g_utf8_find_prev_char (valid, valid + max + 1);
  return g_strdup_printf ("%.*s…", (int) (end != NULL ? end - valid : 0), valid);
}

static void
append_path (GString            *out,
             const VaFormatPath *path)
{
  if (path->parent != NULL)
    append_path (out, path->parent);
  if (path->key == NULL)
    g_string_append_printf (out, "[%u]", path->index);
  else
    {
      if (path->parent != NULL)
        g_string_append_c (out, '.');
      g_string_append (out, path->key);
    }
}

/* Returns: (transfer full): @path as problems show it: `topics[3].nodes[2].next` */
char *
va_format_path_to_string (const VaFormatPath *path)
{
  GString *out = g_string_new (NULL);

  append_path (out, path);
  return g_string_free (out, FALSE);
}

void
va_format_reader_problem (VaFormatReader     *reader,
                          const VaFormatPath *path,
                          const char         *format,
                          ...)
{
  g_autofree char *message = NULL;
  g_autofree char *full_path = NULL;
  g_autofree char *short_path = NULL;
  g_autofree char *short_message = NULL;
  va_list args;

  reader->n_problems++;
  if (reader->problems->len >= VA_FORMAT_MAX_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  full_path = va_format_path_to_string (path);
  short_path = shorten (full_path, 200);
  short_message = shorten (message, 400);
  g_ptr_array_add (reader->problems, g_strdup_printf ("%s: %s", short_path, short_message));
}

static const char *
json_type_name (const VaFormatJson *value)
{
  switch (value->type)
    {
    case VA_FORMAT_JSON_OBJECT:  return _("an object");
    case VA_FORMAT_JSON_ARRAY:   return _("a list");
    case VA_FORMAT_JSON_NULL:    return _("null");
    case VA_FORMAT_JSON_STRING:  return _("a string");
    case VA_FORMAT_JSON_BOOLEAN: return _("a boolean");
    case VA_FORMAT_JSON_INT:
    case VA_FORMAT_JSON_DOUBLE:
    default:                     return _("a number");
    }
}

const char *
va_format_read_string (VaFormatReader     *reader,
                       const VaFormatPath *path,
                       const VaFormatJson *value)
{
  if (value->type != VA_FORMAT_JSON_STRING)
    {
      va_format_reader_problem (reader, path, _("expected a string, found %s"), json_type_name (value));
      return NULL;
    }
  if (value->n > VA_FORMAT_MAX_STRING)
    {
      va_format_reader_problem (reader, path, _("text too long (%zu bytes, at most %d)"),
                      (size_t) value->n, VA_FORMAT_MAX_STRING);
      return NULL;
    }
  if (!value->utf8)
    {
      va_format_reader_problem (reader, path, _("text is not valid UTF-8"));
      return NULL;
    }
  return value->string;
}

const VaFormatJson *
va_format_read_array (VaFormatReader     *reader,
                      const VaFormatPath *path,
                      const VaFormatJson *value,
                      guint               max)
{
  if (value->type != VA_FORMAT_JSON_ARRAY)
    {
      va_format_reader_problem (reader, path, _("expected a list, found %s"), json_type_name (value));
      return NULL;
    }
  if (value->n > max)
    {
      va_format_reader_problem (reader, path, _("too many entries (%u, at most %u)"),
                      value->n, max);
      return NULL;
    }
  return value;
}

const VaFormatJson *
va_format_read_object (VaFormatReader     *reader,
                       const VaFormatPath *path,
                       const VaFormatJson *value)
{
  if (value->type != VA_FORMAT_JSON_OBJECT)
    {
      va_format_reader_problem (reader, path, _("expected an object, found %s"), json_type_name (value));
      return NULL;
    }
  return value;
}

void
va_format_read_property (VaFormatReader     *reader,
                         const VaFormatPath *path,
                         GObject            *object,
                         const FieldSpec    *field,
                         const VaFormatJson *json)
{
  GParamSpec *pspec = field->pspec;

  if (pspec->value_type == G_TYPE_STRING)
    {
      const char *str = va_format_read_string (reader, path, json);

      if (str != NULL)
        ((VaFormatSetString) field->set) (object, str);
    }
  else if (pspec->value_type == G_TYPE_STRV)
    {
      const VaFormatJson *array = va_format_read_array (reader, path, json, VA_FORMAT_MAX_LIST);
      g_autofree const char **strv = NULL;
      gboolean ok = TRUE;

      if (array == NULL)
        return;
      strv = g_new0 (const char *, array->n + 1);
      for (guint i = 0; i < array->n; i++)
        {
          const char *str = va_format_read_string (reader, VA_FORMAT_PATH_INDEX (path, i), &array->elements[i]);

          if (str == NULL)
            ok = FALSE;
          strv[i] = str;
        }
      if (ok)
        ((VaFormatSetStrv) field->set) (object, strv);
    }
  else if (pspec->value_type == G_TYPE_BOOLEAN)
    {
      if (json->type != VA_FORMAT_JSON_BOOLEAN)
        {
          va_format_reader_problem (reader, path, _("expected true or false, found %s"), json_type_name (json));
          return;
        }
      ((VaFormatSetInt) field->set) (object, json->boolean);
    }
  else if (pspec->value_type == G_TYPE_INT)
    {
      GParamSpecInt *ispec = G_PARAM_SPEC_INT (pspec);
      gint64 n;

      if (json->type != VA_FORMAT_JSON_INT)
        {
          va_format_reader_problem (reader, path, _("expected a whole number, found %s"), json_type_name (json));
          return;
        }
      n = json->integer;
      if (n < ispec->minimum || n > ispec->maximum)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, n);

          va_format_reader_problem (reader, path, _("%s is out of range (%d to %d)"),
                                    number, ispec->minimum, ispec->maximum);
          return;
        }
      ((VaFormatSetInt) field->set) (object, (int) n);
    }
  else if (G_TYPE_IS_ENUM (pspec->value_type))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      const char *str = va_format_read_string (reader, path, json);
      GEnumValue *ev;

      if (str == NULL)
        return;
      ev = g_enum_get_value_by_nick (klass, str);
      if (ev == NULL)
        {
          g_autoptr(GString) allowed = g_string_new (NULL);

          for (guint i = 0; i < klass->n_values; i++)
            g_string_append_printf (allowed, "%s\"%s\"", i > 0 ? ", " : "", klass->values[i].value_nick);
          va_format_reader_problem (reader, path, _("unknown value \"%s\" (expected one of %s)"), str, allowed->str);
          return;
        }
      ((VaFormatSetInt) field->set) (object, ev->value);
    }
  else
    {
      g_assert_not_reached ();
    }
}

/* Appends @items to @store at once: one signal rather than one per item. */
void
va_format_append_all (GListStore *store,
                      GPtrArray  *items)
{
  g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0, items->pdata, items->len);
}

void
va_format_read_list (VaFormatReader     *reader,
                     const VaFormatPath *path,
                     const ListSpec     *list,
                     GObject            *owner,
                     const VaFormatJson *value)
{
  const VaFormatJson *array = va_format_read_array (reader, path, value, VA_FORMAT_MAX_LIST);
  GListStore *store = G_LIST_STORE (list->get (owner));
  g_autoptr(GPtrArray) items = NULL;

  if (array == NULL)
    return;

  items = g_ptr_array_new_full (array->n, g_object_unref);
  for (guint i = 0; i < array->n; i++)
    {
      const VaFormatPath *item_path = VA_FORMAT_PATH_INDEX (path, i);
      const VaFormatJson *json = va_format_read_object (reader, item_path, &array->elements[i]);
      GObject *item;

      if (json == NULL)
        continue;
      item = g_object_new (list->item_type (), NULL);
      va_format_read_fields (reader, item_path, item, json, NULL);
      g_ptr_array_add (items, item);
    }
  va_format_append_all (store, items);
}

/* The field of @spec that @key names in the file, if any: a key has '_'
 * where the property name has '-' ("else_next" is "else-next").
 */
const FieldSpec *
va_format_find_field (const ObjectSpec *spec,
                      const char       *key)
{
  for (const FieldSpec *field = spec->fields; field->name != NULL; field++)
    if (strcmp (field->key, key) == 0)
      return field;
  return NULL;
}

/* Reads the members of @json into @object as its spec says; members named
 * in @special are read by the caller.
 */
void
va_format_read_fields (VaFormatReader     *reader,
                       const VaFormatPath *path,
                       GObject            *object,
                       const VaFormatJson *json,
                       const char * const *special)
{
  const ObjectSpec *spec = va_format_find_spec (G_OBJECT_TYPE (object));

  for (guint m = 0; m < json->n; m++)
    {
      const char *key = json->members[m].key;
      const VaFormatJson *member = &json->members[m].value;
      const VaFormatPath *member_path = VA_FORMAT_PATH_KEY (path, key);
      const FieldSpec *field;
      gboolean known = FALSE;

      if (special != NULL && g_strv_contains (special, key))
        continue;

      if ((field = va_format_find_field (spec, key)) != NULL)
        {
          va_format_read_property (reader, member_path, object, field, member);
          known = TRUE;
        }
      for (const ListSpec *list = spec->lists; !known && list->key != NULL; list++)
        {
          if (g_str_equal (list->key, key))
            {
              va_format_read_list (reader, member_path, list, object, member);
              known = TRUE;
            }
        }
      if (!known)
        va_format_reader_problem (reader, member_path, _("unknown field"));
    }

  for (const char * const *req = spec->required; *req != NULL; req++)
    {
      const char *req_key = NULL;
      const VaFormatJson *value;

      for (const FieldSpec *field = spec->fields; req_key == NULL && field->name != NULL; field++)
        if (g_str_equal (field->name, *req))
          req_key = field->key;
      g_assert (req_key != NULL);

      value = va_format_json_get_member (json, req_key);
      if (value == NULL)
        va_format_reader_problem (reader, path, _("the field \"%s\" is missing"), req_key);
      else if (value->type == VA_FORMAT_JSON_STRING && value->string[0] == '\0')
        va_format_reader_problem (reader, path, _("the field \"%s\" is empty"), req_key);
    }
}
