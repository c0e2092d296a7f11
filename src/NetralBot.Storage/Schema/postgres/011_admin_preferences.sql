-- What each admin ("channel:user id" from Admins:Users) chose for themselves: whether new tips are announced to them.
CREATE TABLE admin_preferences (
    admin             TEXT    NOT NULL PRIMARY KEY,
    tip_notifications BOOLEAN NOT NULL,            -- TRUE on (the default when no row), FALSE off
    updated_at        BIGINT  NOT NULL
);
