// The Electron shell is added with the desktop app.
