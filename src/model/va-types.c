/* va-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-types.h"

gboolean
va_str_set (char       **str_pointer,
            const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

gboolean
va_strv_set (GStrv              *strv_pointer,
             const char * const *new_strv)
{
  const char * const *old = (const char * const *) *strv_pointer;

  /* NULL and the empty vector are the same value. */
  if ((old == NULL || old[0] == NULL) && (new_strv == NULL || new_strv[0] == NULL))
    return FALSE;
  if (old != NULL && new_strv != NULL && g_strv_equal (old, new_strv))
    return FALSE;

  g_strfreev (*strv_pointer);
  *strv_pointer = g_strdupv ((char **) new_strv);
  return TRUE;
}

/* Finds the item whose id is @id in a list of the document. Returns it
 * without a reference: the list keeps it alive.
 */
gpointer
va_list_find_by_id (GListModel  *list,
                    const char  *(*get_id) (gpointer item),
                    const char  *id,
                    guint       *position)
{
  guint n;

  if (id == NULL)
    return NULL;

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      if (g_strcmp0 (get_id (item), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }

  return NULL;
}
