/* va-history.c
 *
 * The undo/redo stack. Every change of the document is a command pushed
 * here; the command keeps what it needs to revert itself. There are only
 * three primitive commands (set properties of an object, insert into a
 * list, remove from a list) and groups of them, because the whole document
 * is GObject properties and GListStores: that is enough for every edit the
 * editor makes, and an edit can never forget to be undoable.
 *
 * Continuous edits (typing in a field) merge into one step until the
 * history is sealed (focus leaves the field, another command comes in).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gobject/gvaluecollector.h>

#include "va-history.h"
#include "va-history-command.h"

#define MAX_STEPS 1000

struct _VaHistory
{
  GObject parent_instance;

  GPtrArray *undo_stack;   /* VaCommand, oldest first */
  GPtrArray *redo_stack;   /* VaCommand, next to redo last */
  GPtrArray *open_groups;  /* VaCommand of kind GROUP, innermost last */
  guint64 next_serial;
  guint64 saved_serial;
  guint64 dropped_serial;  /* the state below the oldest step kept */
  gboolean sealed;
};

G_DEFINE_FINAL_TYPE (VaHistory, va_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint64
top_serial (VaHistory *self)
{
  if (self->undo_stack->len == 0)
    return self->dropped_serial;
  return ((VaCommand *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->serial;
}

static void
notify_state (VaHistory *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Takes a command that has already been applied to the document. */
static void
push (VaHistory *self,
      VaCommand *cmd)
{
  if (self->open_groups->len > 0)
    {
      VaCommand *group = g_ptr_array_index (self->open_groups, self->open_groups->len - 1);

      g_ptr_array_add (group->children, cmd);
      return;
    }

  cmd->serial = ++self->next_serial;
  g_ptr_array_set_size (self->redo_stack, 0);
  g_ptr_array_add (self->undo_stack, cmd);
  if (self->undo_stack->len > MAX_STEPS)
    {
      /* Undoing everything now reaches the state after the dropped step,
       * which is only the saved one if that step was.
       */
      self->dropped_serial = ((VaCommand *) g_ptr_array_index (self->undo_stack, 0))->serial;
      g_ptr_array_remove_index (self->undo_stack, 0);
    }
  self->sealed = FALSE;
  notify_state (self);
}

static gboolean
try_merge (VaHistory    *self,
           GObject      *object,
           const char   *name,
           const GValue *value)
{
  VaCommand *top;

  if (self->sealed || self->open_groups->len > 0 || self->undo_stack->len == 0)
    return FALSE;

  top = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
  if (top->kind != VA_COMMAND_SET || !top->continuous || top->object != object ||
      top->names->len != 1 || g_array_index (top->names, const char *, 0) != name)
    return FALSE;

  {
    GValue *stored = &g_array_index (top->new_values, GValue, 0);

    g_value_unset (stored);
    g_value_init (stored, G_VALUE_TYPE (value));
    g_value_copy (value, stored);
    g_param_value_validate (g_object_class_find_property (G_OBJECT_GET_CLASS (object), name), stored);
    g_object_set_property (object, name, stored);
  }
  notify_state (self);
  return TRUE;
}

static void
set_command_push (VaHistory *self,
                  VaCommand *cmd)
{
  if (cmd->names->len == 0)
    {
      va_history_command_free (cmd);
      return;
    }

  va_history_command_apply (cmd, TRUE);
  push (self, cmd);
}

static void
va_history_finalize (GObject *object)
{
  VaHistory *self = (VaHistory *) object;

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->open_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (va_history_parent_class)->finalize (object);
}

static void
va_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VaHistory *self = VA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, va_history_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, va_history_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, va_history_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, va_history_get_redo_label (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, va_history_get_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_history_class_init (VaHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_history_finalize;
  object_class->get_property = va_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_history_init (VaHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) va_history_command_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) va_history_command_free);
  self->open_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) va_history_command_free);
}

VaHistory *
va_history_new (void)
{
  return g_object_new (VA_TYPE_HISTORY, NULL);
}

/**
 * va_history_set:
 * @self: a history
 * @object: the object to change
 * @first_property: the name of the first property to set
 * @...: its value, then more name/value pairs, ending with %NULL
 *
 * Sets properties of @object as one undoable step, like g_object_set().
 * Values that are already there are left out; a call that changes nothing
 * adds no step.
 */
void
va_history_set (VaHistory  *self,
                gpointer    object,
                const char *first_property,
                ...)
{
  VaCommand *cmd;
  va_list args;

  g_return_if_fail (VA_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (object));

  cmd = va_history_set_command_new (object);
  va_start (args, first_property);
  for (const char *name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = va_history_find_writable_property (object, name);
      GValue value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL)
        break;

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          g_value_unset (&value);
          break;
        }
      va_history_set_command_add (cmd, pspec, &value);
      g_value_unset (&value);
    }
  va_end (args);

  set_command_push (self, cmd);
}

/**
 * va_history_set_value:
 * @self: a history
 * @object: the object to change
 * @property: the property's name
 * @value: the new value
 *
 * Sets one property as one undoable step.
 */
void
va_history_set_value (VaHistory    *self,
                      gpointer      object,
                      const char   *property,
                      const GValue *value)
{
  GParamSpec *pspec;
  VaCommand *cmd;

  g_return_if_fail (VA_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (G_IS_VALUE (value));

  if ((pspec = va_history_find_writable_property (object, property)) == NULL)
    return;

  cmd = va_history_set_command_new (object);
  va_history_set_command_add (cmd, pspec, value);
  set_command_push (self, cmd);
}

/**
 * va_history_set_continuous:
 * @self: a history
 * @object: the object to change
 * @property: the property's name
 * @value: the new value
 *
 * Like va_history_set_value(), but merges with the previous step when that
 * step was a continuous edit of the same property and the history was not
 * sealed since: typing a sentence is one undo step.
 */
void
va_history_set_continuous (VaHistory    *self,
                           gpointer      object,
                           const char   *property,
                           const GValue *value)
{
  GParamSpec *pspec;
  VaCommand *cmd;
  GValue converted = G_VALUE_INIT;
  gboolean merged;

  g_return_if_fail (VA_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (G_IS_VALUE (value));

  if ((pspec = va_history_find_writable_property (object, property)) == NULL)
    return;

  g_value_init (&converted, pspec->value_type);
  if (!g_value_transform (value, &converted))
    {
      g_critical ("Cannot set %s.%s from a %s", G_OBJECT_TYPE_NAME (object), property,
                  G_VALUE_TYPE_NAME (value));
      g_value_unset (&converted);
      return;
    }
  merged = try_merge (self, object, g_intern_string (pspec->name), &converted);
  g_value_unset (&converted);
  if (merged)
    return;

  cmd = va_history_set_command_new (object);
  cmd->continuous = TRUE;
  va_history_set_command_add (cmd, pspec, value);
  set_command_push (self, cmd);
}

static void
list_command_push (VaHistory     *self,
                   VaCommandKind  kind,
                   GListModel    *list,
                   guint          position,
                   gpointer       item)
{
  VaCommand *cmd = g_new0 (VaCommand, 1);

  cmd->kind = kind;
  cmd->store = g_object_ref (G_LIST_STORE (list));
  cmd->position = position;
  cmd->item = g_object_ref (item);
  va_history_command_apply (cmd, TRUE);
  push (self, cmd);
}

/**
 * va_history_insert:
 * @self: a history
 * @list: a #GListStore of the document
 * @position: where to insert, at most the list's length
 * @item: the object to insert
 *
 * Inserts @item as one undoable step.
 */
void
va_history_insert (VaHistory  *self,
                   GListModel *list,
                   guint       position,
                   gpointer    item)
{
  g_return_if_fail (VA_IS_HISTORY (self));
  g_return_if_fail (G_IS_LIST_STORE (list));
  g_return_if_fail (G_IS_OBJECT (item));
  g_return_if_fail (position <= g_list_model_get_n_items (list));

  list_command_push (self, VA_COMMAND_INSERT, list, position, item);
}

void
va_history_append (VaHistory  *self,
                   GListModel *list,
                   gpointer    item)
{
  g_return_if_fail (G_IS_LIST_MODEL (list));

  va_history_insert (self, list, g_list_model_get_n_items (list), item);
}

/**
 * va_history_remove:
 * @self: a history
 * @list: a #GListStore of the document
 * @position: the position of the item to remove
 *
 * Removes an item as one undoable step.
 */
void
va_history_remove (VaHistory  *self,
                   GListModel *list,
                   guint       position)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (VA_IS_HISTORY (self));
  g_return_if_fail (G_IS_LIST_STORE (list));
  g_return_if_fail (position < g_list_model_get_n_items (list));

  item = g_list_model_get_item (list, position);
  list_command_push (self, VA_COMMAND_REMOVE, list, position, item);
}

/**
 * va_history_remove_item:
 * @self: a history
 * @list: a #GListStore of the document
 * @item: the item to remove
 *
 * Returns: %TRUE if @item was in @list and is now removed
 */
gboolean
va_history_remove_item (VaHistory  *self,
                        GListModel *list,
                        gpointer    item)
{
  guint position;

  g_return_val_if_fail (G_IS_LIST_STORE (list), FALSE);

  if (!g_list_store_find (G_LIST_STORE (list), item, &position))
    return FALSE;
  va_history_remove (self, list, position);
  return TRUE;
}

/**
 * va_history_begin:
 * @self: a history
 * @label: (nullable): what the step does, for "Undo …" ("Add node")
 *
 * Starts a group: the commands until the matching va_history_end() are
 * undone and redone as one step. Groups nest.
 */
void
va_history_begin (VaHistory  *self,
                  const char *label)
{
  VaCommand *group;

  g_return_if_fail (VA_IS_HISTORY (self));

  group = g_new0 (VaCommand, 1);
  group->kind = VA_COMMAND_GROUP;
  group->label = g_strdup (label);
  group->children = g_ptr_array_new_with_free_func ((GDestroyNotify) va_history_command_free);
  g_ptr_array_add (self->open_groups, group);
}

void
va_history_end (VaHistory *self)
{
  VaCommand *group;

  g_return_if_fail (VA_IS_HISTORY (self));
  g_return_if_fail (self->open_groups->len > 0);

  group = g_ptr_array_steal_index (self->open_groups, self->open_groups->len - 1);
  if (group->children->len == 0)
    {
      va_history_command_free (group);
      return;
    }
  push (self, group);
  self->sealed = TRUE;
}

/**
 * va_history_seal:
 * @self: a history
 *
 * Ends the current continuous edit: the next change is a step of its own.
 */
void
va_history_seal (VaHistory *self)
{
  g_return_if_fail (VA_IS_HISTORY (self));

  self->sealed = TRUE;
}

gboolean
va_history_undo (VaHistory *self)
{
  VaCommand *cmd;

  g_return_val_if_fail (VA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->open_groups->len == 0, FALSE);

  if (self->undo_stack->len == 0)
    return FALSE;

  cmd = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  va_history_command_apply (cmd, FALSE);
  g_ptr_array_add (self->redo_stack, cmd);
  self->sealed = TRUE;
  notify_state (self);
  return TRUE;
}

gboolean
va_history_redo (VaHistory *self)
{
  VaCommand *cmd;

  g_return_val_if_fail (VA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->open_groups->len == 0, FALSE);

  if (self->redo_stack->len == 0)
    return FALSE;

  cmd = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  va_history_command_apply (cmd, TRUE);
  g_ptr_array_add (self->undo_stack, cmd);
  self->sealed = TRUE;
  notify_state (self);
  return TRUE;
}

gboolean
va_history_can_undo (VaHistory *self)
{
  g_return_val_if_fail (VA_IS_HISTORY (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
va_history_can_redo (VaHistory *self)
{
  g_return_val_if_fail (VA_IS_HISTORY (self), FALSE);

  return self->redo_stack->len > 0;
}

const char *
va_history_get_undo_label (VaHistory *self)
{
  g_return_val_if_fail (VA_IS_HISTORY (self), NULL);

  if (self->undo_stack->len == 0)
    return NULL;
  return ((VaCommand *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

const char *
va_history_get_redo_label (VaHistory *self)
{
  g_return_val_if_fail (VA_IS_HISTORY (self), NULL);

  if (self->redo_stack->len == 0)
    return NULL;
  return ((VaCommand *) g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

guint
va_history_get_n_undo (VaHistory *self)
{
  g_return_val_if_fail (VA_IS_HISTORY (self), 0);

  return self->undo_stack->len;
}

/**
 * va_history_get_modified:
 * @self: a history
 *
 * Returns: whether the document differs from the last saved state (undoing
 * back to the saved state makes it unmodified again)
 */
gboolean
va_history_get_modified (VaHistory *self)
{
  g_return_val_if_fail (VA_IS_HISTORY (self), FALSE);

  return top_serial (self) != self->saved_serial;
}

void
va_history_mark_saved (VaHistory *self)
{
  g_return_if_fail (VA_IS_HISTORY (self));

  self->saved_serial = top_serial (self);
  self->sealed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * va_history_clear:
 * @self: a history
 *
 * Forgets every step, as after loading a file, and marks the state saved.
 */
void
va_history_clear (VaHistory *self)
{
  g_return_if_fail (VA_IS_HISTORY (self));
  g_return_if_fail (self->open_groups->len == 0);

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->saved_serial = self->dropped_serial = 0;
  self->sealed = TRUE;
  notify_state (self);
}
