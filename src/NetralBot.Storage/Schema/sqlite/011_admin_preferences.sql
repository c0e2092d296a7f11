-- What each admin ("channel:user id" from Admins:Users) chose for themselves: whether new tips are announced to them.
CREATE TABLE admin_preferences (
    admin             TEXT    NOT NULL PRIMARY KEY,
    tip_notifications INTEGER NOT NULL,            -- 1 on (the default when no row), 0 off
    updated_at        INTEGER NOT NULL
) WITHOUT ROWID;
