# render — en
