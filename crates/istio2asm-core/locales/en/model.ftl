# model — en
