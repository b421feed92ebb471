/* va-history-command.c
 *
 * The three primitive commands of the undo history — set properties of an
 * object, insert into a list, remove from a list — and groups of them. A
 * command keeps what it needs to apply itself forward and backward.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-history-command.h"

void
va_history_command_free (VaCommand *cmd)
{
  if (cmd == NULL)
    return;

  g_free (cmd->label);
  g_clear_object (&cmd->object);
  g_clear_pointer (&cmd->names, g_array_unref);
  g_clear_pointer (&cmd->old_values, g_array_unref);
  g_clear_pointer (&cmd->new_values, g_array_unref);
  g_clear_object (&cmd->store);
  g_clear_object (&cmd->item);
  g_clear_pointer (&cmd->children, g_ptr_array_unref);
  g_free (cmd);
}

GArray *
va_history_value_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (GValue));

  g_array_set_clear_func (array, (GDestroyNotify) g_value_unset);
  return array;
}

void
va_history_command_apply (VaCommand *cmd,
                          gboolean   forward)
{
  switch (cmd->kind)
    {
    case VA_COMMAND_SET:
      {
        GArray *values = forward ? cmd->new_values : cmd->old_values;

        g_object_freeze_notify (cmd->object);
        for (guint i = 0; i < cmd->names->len; i++)
          g_object_set_property (cmd->object,
                                 g_array_index (cmd->names, const char *, i),
                                 &g_array_index (values, GValue, i));
        g_object_thaw_notify (cmd->object);
      }
      break;

    case VA_COMMAND_INSERT:
    case VA_COMMAND_REMOVE:
      if ((cmd->kind == VA_COMMAND_INSERT) == forward)
        {
          g_list_store_insert (cmd->store, cmd->position, cmd->item);
        }
      else
        {
          guint position = cmd->position;
          g_autoptr(GObject) at = g_list_model_get_item (G_LIST_MODEL (cmd->store), position);

          /* The store is only ever changed through the history, so the item
           * is where we left it; look it up anyway rather than remove the
           * wrong one if someone broke that rule.
           */
          if (at != cmd->item && !g_list_store_find (cmd->store, cmd->item, &position))
            {
              g_critical ("History out of sync: list item not found");
              break;
            }
          g_list_store_remove (cmd->store, position);
        }
      break;

    case VA_COMMAND_GROUP:
      if (forward)
        {
          for (guint i = 0; i < cmd->children->len; i++)
            va_history_command_apply (g_ptr_array_index (cmd->children, i), TRUE);
        }
      else
        {
          for (guint i = cmd->children->len; i > 0; i--)
            va_history_command_apply (g_ptr_array_index (cmd->children, i - 1), FALSE);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

GParamSpec *
va_history_find_writable_property (GObject    *object,
                                   const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);

  if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
    {
      g_critical ("%s has no writable property '%s'", G_OBJECT_TYPE_NAME (object), name);
      return NULL;
    }
  return pspec;
}

/* Adds one property change to a set command being built; skips values that
 * do not change anything.
 */
void
va_history_set_command_add (VaCommand    *cmd,
                            GParamSpec   *pspec,
                            const GValue *value)
{
  GValue old_value = G_VALUE_INIT;
  GValue new_value = G_VALUE_INIT;
  const char *name = g_intern_string (pspec->name);

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (cmd->object, name, &old_value);
  g_value_init (&new_value, pspec->value_type);
  if (!g_value_transform (value, &new_value))
    {
      g_critical ("Cannot set %s.%s from a %s", G_OBJECT_TYPE_NAME (cmd->object), name,
                  G_VALUE_TYPE_NAME (value));
      g_value_unset (&old_value);
      g_value_unset (&new_value);
      return;
    }
  g_param_value_validate (pspec, &new_value);

  if (g_param_values_cmp (pspec, &old_value, &new_value) == 0 &&
      !(G_VALUE_HOLDS (&old_value, G_TYPE_STRV)))
    {
      g_value_unset (&old_value);
      g_value_unset (&new_value);
      return;
    }
  if (G_VALUE_HOLDS (&old_value, G_TYPE_STRV))
    {
      const char * const *a = g_value_get_boxed (&old_value);
      const char * const *b = g_value_get_boxed (&new_value);
      gboolean empty_a = a == NULL || a[0] == NULL;
      gboolean empty_b = b == NULL || b[0] == NULL;

      if ((empty_a && empty_b) || (!empty_a && !empty_b && g_strv_equal (a, b)))
        {
          g_value_unset (&old_value);
          g_value_unset (&new_value);
          return;
        }
    }

  g_array_append_val (cmd->names, name);
  g_array_append_val (cmd->old_values, old_value);
  g_array_append_val (cmd->new_values, new_value);
}

VaCommand *
va_history_set_command_new (GObject *object)
{
  VaCommand *cmd = g_new0 (VaCommand, 1);

  cmd->kind = VA_COMMAND_SET;
  cmd->object = g_object_ref (object);
  cmd->names = g_array_new (FALSE, FALSE, sizeof (const char *));
  cmd->old_values = va_history_value_array_new ();
  cmd->new_values = va_history_value_array_new ();
  return cmd;
}
