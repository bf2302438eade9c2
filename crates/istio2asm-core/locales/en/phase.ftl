# phase — en
