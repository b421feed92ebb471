/* va-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"

G_BEGIN_DECLS

#define VA_TYPE_HISTORY (va_history_get_type ())
G_DECLARE_FINAL_TYPE (VaHistory, va_history, VA, HISTORY, GObject)

VaHistory  *va_history_new             (void);

void        va_history_set             (VaHistory   *self,
                                        gpointer     object,
                                        const char  *first_property,
                                        ...) G_GNUC_NULL_TERMINATED;
void        va_history_set_value       (VaHistory    *self,
                                        gpointer      object,
                                        const char   *property,
                                        const GValue *value);
void        va_history_set_continuous  (VaHistory    *self,
                                        gpointer      object,
                                        const char   *property,
                                        const GValue *value);
void        va_history_insert          (VaHistory   *self,
                                        GListModel  *list,
                                        guint        position,
                                        gpointer     item);
void        va_history_append          (VaHistory   *self,
                                        GListModel  *list,
                                        gpointer     item);
void        va_history_remove          (VaHistory   *self,
                                        GListModel  *list,
                                        guint        position);
gboolean    va_history_remove_item     (VaHistory   *self,
                                        GListModel  *list,
                                        gpointer     item);

void        va_history_begin           (VaHistory   *self,
                                        const char  *label);
void        va_history_end             (VaHistory   *self);
void        va_history_seal            (VaHistory   *self);

gboolean    va_history_undo            (VaHistory   *self);
gboolean    va_history_redo            (VaHistory   *self);
gboolean    va_history_can_undo        (VaHistory   *self);
gboolean    va_history_can_redo        (VaHistory   *self);
const char *va_history_get_undo_label  (VaHistory   *self);
const char *va_history_get_redo_label  (VaHistory   *self);
guint       va_history_get_n_undo      (VaHistory   *self);

gboolean    va_history_get_modified    (VaHistory   *self);
void        va_history_mark_saved      (VaHistory   *self);
void        va_history_clear           (VaHistory   *self);

G_END_DECLS
