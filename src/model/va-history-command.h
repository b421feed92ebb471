/* va-history-command.h
 *
 * The primitive commands of the undo history (private to va-history.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  VA_COMMAND_SET,
  VA_COMMAND_INSERT,
  VA_COMMAND_REMOVE,
  VA_COMMAND_GROUP,
} VaCommandKind;

typedef struct
{
  VaCommandKind kind;
  guint64 serial;
  char *label;
  gboolean continuous;

  /* VA_COMMAND_SET */
  GObject *object;
  GArray *names;      /* interned const char * */
  GArray *old_values; /* GValue */
  GArray *new_values; /* GValue */

  /* VA_COMMAND_INSERT, VA_COMMAND_REMOVE */
  GListStore *store;
  guint position;
  GObject *item;

  /* VA_COMMAND_GROUP */
  GPtrArray *children;
} VaCommand;

void        va_history_command_free          (VaCommand      *cmd);
GArray     *va_history_value_array_new       (void);
void        va_history_command_apply         (VaCommand      *cmd,
                                              gboolean      forward);
GParamSpec *va_history_find_writable_property (GObject    *object,
                                               const char *name);
void        va_history_set_command_add       (VaCommand      *cmd,
                                              GParamSpec   *pspec,
                                              const GValue *value);
VaCommand    *va_history_set_command_new       (GObject      *object);

G_END_DECLS
